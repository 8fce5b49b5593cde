/// Response headers in received order, looked up case-insensitively.
public struct HTTPHeaders: Sendable, Equatable, Sequence {
    /// The header fields, names as received.
    public private(set) var fields: [(name: String, value: String)]

    /// Headers from name/value pairs.
    public init(_ fields: [(name: String, value: String)] = []) { self.fields = fields }

    /// Parses a raw head (status line, then `Name: value` lines); obsolete line folding is joined.
    public init(parsingHead head: [UInt8]) {
        var fields: [(name: String, value: String)] = []
        let text = String(decoding: head, as: UTF8.self)
        var isFirst = true
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if isFirst { isFirst = false; continue }  // the status line
            if let first = line.first, first == " " || first == "\t", !fields.isEmpty {
                fields[fields.count - 1].value += " " + line.trimmingHTTPWhitespace()
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon]).trimmingHTTPWhitespace()
            guard !name.isEmpty else { continue }
            fields.append((name, String(line[line.index(after: colon)...]).trimmingHTTPWhitespace()))
        }
        self.fields = fields
    }

    /// The first value of `name`, compared case-insensitively.
    public subscript(name: String) -> String? {
        fields.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    /// The media type of `Content-Type`, lower-cased, without parameters.
    public var mediaType: String? {
        guard let value = self["Content-Type"] else { return nil }
        let type = value.split(separator: ";", maxSplits: 1).first.map { String($0).trimmingHTTPWhitespace() } ?? ""
        return type.isEmpty ? nil : type.lowercased()
    }

    /// The `charset` parameter of `Content-Type`, unquoted.
    public var charset: String? {
        guard let value = self["Content-Type"] else { return nil }
        for parameter in value.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, String(pair[0]).trimmingHTTPWhitespace().lowercased() == "charset" else { continue }
            let charset = String(pair[1]).trimmingHTTPWhitespace().trimmingCharacters(in: "\"'")
            return charset.isEmpty ? nil : charset
        }
        return nil
    }
}

extension StringProtocol {
    /// Trims spaces and tabs, the only whitespace HTTP allows around field values.
    func trimmingHTTPWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice = slice.dropLast() }
        return String(slice)
    }

    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }

    func caseInsensitiveEquals(_ other: some StringProtocol) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        return zip(utf8, other.utf8).allSatisfy { a, b in
            a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A)
        }
    }
}
