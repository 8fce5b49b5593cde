/// A stored HTTP request or response head split into lines, so it can be archived as HTTP/1.1.
struct WARCHTTPHead: Equatable {
    /// Which side of the exchange the head belongs to.
    enum Kind: Equatable {
        case request
        case response
    }

    /// Which side of the exchange this head belongs to.
    let kind: Kind
    /// The request line or status line, without its line ending.
    var startLine: [UInt8]
    /// Header lines in received order, without line endings; obs-fold continuation lines stay separate.
    var headerLines: [[UInt8]]

    /// Splits `bytes` into lines, accepting CRLF or bare LF endings and a missing final blank line.
    ///
    /// When `bytes` holds several heads, only the last is kept: libcurl reports interim `1xx` responses
    /// and authentication rounds to its header callback, and re-sends a request on a stale connection,
    /// so earlier heads belong to exchanges whose bodies were never stored. A WARC record holds one message.
    init(parsing bytes: [UInt8], kind: Kind) throws(WARCError) {
        guard let head = Self.heads(in: bytes).last else {
            throw kind == .request
                ? .malformedRequestHead(reason: "it is empty") : .malformedResponseHead(reason: "it is empty")
        }
        self.kind = kind
        self.startLine = head[0]
        self.headerLines = Array(head.dropFirst())
    }

    /// The non-empty line groups in `bytes`, each group a head whose lines have their endings removed.
    private static func heads(in bytes: [UInt8]) -> [[[UInt8]]] {
        var heads: [[[UInt8]]] = []
        var current: [[UInt8]] = []
        for rawLine in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let line = rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty {
                if !current.isEmpty { heads.append(current) }
                current = []
            } else {
                current.append(Array(line))
            }
        }
        if !current.isEmpty { heads.append(current) }
        return heads
    }

    /// The three-digit code of a status line such as `HTTP/1.1 200 OK` or `HTTP/2 200`, if it is one.
    static func statusCode(of line: [UInt8]) -> Int? {
        guard line.starts(with: "HTTP/".utf8), let space = line.firstIndex(of: UInt8(ascii: " ")) else {
            return nil
        }
        let rest = line[(space + 1)...]
        let digits = rest.prefix(3)
        guard digits.count == 3, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        if rest.count > 3, rest[rest.startIndex + 3] != UInt8(ascii: " ") { return nil }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    /// The lower-cased field name of a header line, or nil for a continuation or nameless line.
    static func fieldName(of line: [UInt8]) -> String? {
        guard let first = line.first, first != UInt8(ascii: " "), first != UInt8(ascii: "\t"),
            let colon = line.firstIndex(of: UInt8(ascii: ":"))
        else { return nil }
        // RFC 9112 forbids space before the colon, but match such a name anyway so its framing is still renamed.
        let name = line[..<colon].reversed().drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.reversed()
        return String(decoding: name, as: UTF8.self).lowercased()
    }

    /// The field value of a header line with surrounding whitespace removed.
    static func fieldValue(of line: [UInt8]) -> String {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return "" }
        let value = line[(colon + 1)...].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        let trimmed = value.reversed().drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        return String(decoding: trimmed.reversed(), as: UTF8.self)
    }
}
