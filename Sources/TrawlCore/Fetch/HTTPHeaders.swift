/// Response headers in received order, looked up case-insensitively.
public struct HTTPHeaders: Sendable, Equatable, Sequence {
    /// The header fields, names as received.
    public private(set) var fields: [(name: String, value: String)]

    /// Headers from name/value pairs.
    public init(_ fields: [(name: String, value: String)] = []) { self.fields = fields }

    /// Parses a raw head (status line, then `Name: value` lines, each ended by LF or CRLF); obsolete line folding is
    /// joined. Bytes that are not UTF-8 read as U+FFFD.
    ///
    /// Works on bytes: every fetched page's head goes through here, and splitting it as Swift `Character`s (grapheme
    /// clusters) cost 4% of the crawl's CPU.
    public init(parsingHead head: [UInt8]) {
        var fields: [(name: String, value: String)] = []
        head.withUnsafeBufferPointer { bytes in
            var isFirst = true
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                defer { start = end + 1 }
                let line = Self.trimmed(bytes, start..<end)
                // Blank lines (the end of the head) and lines of whitespace alone carry nothing.
                guard !line.isEmpty else { continue }
                if isFirst {
                    isFirst = false  // the status line
                    continue
                }
                if bytes[start] == 0x20 || bytes[start] == 0x09, !fields.isEmpty {
                    fields[fields.count - 1].value += " " + Self.text(bytes, line)
                    continue
                }
                guard let colon = bytes[line].firstIndex(of: UInt8(ascii: ":")) else { continue }
                let name = Self.trimmed(bytes, line.lowerBound..<colon)
                guard !name.isEmpty else { continue }
                fields.append((Self.text(bytes, name), Self.text(bytes, Self.trimmed(bytes, (colon + 1)..<line.upperBound))))
            }
        }
        self.fields = fields
    }

    /// `range` without leading spaces and tabs, nor trailing spaces, tabs and CRs (HTTP's whitespace, and the CR of
    /// a CRLF).
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 || bytes[upper - 1] == 0x0D { upper -= 1 }
        return lower..<upper
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
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
