import TrawlCore
/// Rewriting a stored head so it agrees with the bytes archived after it and parses as HTTP/1.1.
extension WARCHTTPHead {
    /// Headers describing the wire encoding of a body that the archive stores decoded.
    private static let framingFields: Set<String> = ["content-encoding", "transfer-encoding", "content-length"]

    /// The prefix given to framing headers that no longer describe the archived body.
    static let originalFieldPrefix = Array("X-Archive-Orig-".utf8)

    /// The head as it goes into a WARC block in front of a body of `bodyLength` bytes.
    ///
    /// Lines end in CRLF. If the framing headers already match the stored body they stay as they
    /// were; otherwise each is renamed `X-Archive-Orig-<Name>` and a correct Content-Length is added,
    /// because replay tools frame the payload by these headers and would misread a decoded body.
    func archivedBytes(bodyLength: Int) throws(WARCError) -> [UInt8] {
        var lines = [try archivedStartLine()]
        if isFramingConsistent(bodyLength: bodyLength) {
            lines += headerLines
        } else {
            for line in headerLines {
                let isFraming = Self.fieldName(of: line).map(Self.framingFields.contains) ?? false
                lines.append(isFraming ? Self.originalFieldPrefix + line : line)
            }
            lines.append(Array("Content-Length: \(bodyLength)".utf8))
        }
        var bytes: [UInt8] = []
        for line in lines {
            bytes += line
            bytes += [0x0D, 0x0A]
        }
        bytes += [0x0D, 0x0A]
        return bytes
    }

    /// The head as it goes into a WARC block with no body after it (a 304's revisit): only the start line is
    /// restated as HTTP/1.1; framing headers stay as sent, since there is no archived body for them to describe.
    func archivedHeadOnly() throws(WARCError) -> [UInt8] {
        var bytes: [UInt8] = []
        for line in [try archivedStartLine()] + headerLines {
            bytes += line
            bytes += [0x0D, 0x0A]
        }
        bytes += [0x0D, 0x0A]
        return bytes
    }

    /// Whether the framing headers already describe a body of `bodyLength` bytes sent as is.
    private func isFramingConsistent(bodyLength: Int) -> Bool {
        var lengths: [String] = []
        for line in headerLines {
            switch Self.fieldName(of: line) {
            case "content-encoding", "transfer-encoding":
                return false
            case "content-length":
                lengths.append(Self.fieldValue(of: line))
            default:
                continue
            }
        }
        if lengths.isEmpty {
            // A bodiless request needs no Content-Length; a response without one would be read to
            // the end of the block, which works but is exactly the ambiguity the header removes.
            return kind == .request && bodyLength == 0
        }
        return lengths.count == 1 && Int(lengths[0]) == bodyLength
    }

    /// The start line with an HTTP/2 or HTTP/3 version restated as HTTP/1.1, which every archive reader parses.
    private func archivedStartLine() throws(WARCError) -> [UInt8] {
        switch kind {
        case .response: try archivedStatusLine()
        case .request: try archivedRequestLine()
        }
    }

    private func archivedStatusLine() throws(WARCError) -> [UInt8] {
        guard let code = Self.statusCode(of: startLine) else {
            let line = String(decoding: startLine, as: UTF8.self)
            throw .malformedResponseHead(reason: "\(line.debugDescription) is not an HTTP status line")
        }
        if Self.isHTTP1(startLine) { return startLine }
        // "HTTP/2 200" carries no reason phrase; HTTP/1.1 requires the space and wants a phrase.
        let afterCode = startLine.drop { $0 != UInt8(ascii: " ") }.dropFirst().dropFirst(3)
        let given = String(decoding: afterCode, as: UTF8.self).trimmingSpaces()
        let reason = given.isEmpty ? HTTPReasonPhrase.phrase(for: code) ?? "" : given
        return Array("HTTP/1.1 \(code) \(reason)".utf8)
    }

    private func archivedRequestLine() throws(WARCError) -> [UInt8] {
        let parts = startLine.split(separator: UInt8(ascii: " "))
        guard parts.count == 3, let version = parts.last, version.starts(with: "HTTP/".utf8) else {
            let line = String(decoding: startLine, as: UTF8.self)
            throw .malformedRequestHead(reason: "\(line.debugDescription) is not an HTTP request line")
        }
        if Self.isHTTP1(Array(version)) { return startLine }
        return Array(parts[0]) + [UInt8(ascii: " ")] + Array(parts[1]) + Array(" HTTP/1.1".utf8)
    }

    /// Whether `text` starts with an HTTP/1.x version, which is archived unchanged.
    private static func isHTTP1(_ text: [UInt8]) -> Bool {
        text.starts(with: "HTTP/1.".utf8)
    }
}

extension String {
    /// The string without leading or trailing spaces and tabs.
    fileprivate func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
