/// Finds and parses the request head at the front of a byte buffer (RFC 9112 §2–5), without I/O.
///
/// Tolerates bare LF line endings and leading empty lines; rejects obsolete line folding, whitespace
/// before a header colon and heads larger than `maximumHeadSize`.
struct RequestHeadParser: Sendable {
    /// The largest head accepted; a bigger one is answered with 431.
    static let maximumHeadSize = 64 * 1024

    /// The result of looking at the buffer so far.
    enum Outcome: Sendable, Equatable {
        /// More bytes are needed.
        case incomplete
        /// A head was parsed from the first `consumed` bytes.
        case complete(RequestHead, consumed: Int)
    }

    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// Where the unfinished line starts, relative to the buffer, so a head arriving byte by byte is not rescanned.
    private var resumeOffset = 0

    /// Looks for a complete head at the front of `buffer`.
    mutating func parse(_ buffer: ArraySlice<UInt8>) throws(RequestParseFailure) -> Outcome {
        var start = buffer.startIndex
        // RFC 9112 §2.2: ignore empty lines sent before the request line.
        while start < buffer.endIndex, buffer[start] == Self.lineFeed || buffer[start] == Self.carriageReturn {
            start += 1
        }
        var lineStart = max(start, buffer.startIndex + resumeOffset)
        var search = lineStart
        while let lineFeed = buffer[search...].firstIndex(of: Self.lineFeed) {
            var line = buffer[lineStart..<lineFeed]
            if line.last == Self.carriageReturn { line = line.dropLast() }
            if line.isEmpty, lineStart > start {
                guard lineFeed + 1 - start <= Self.maximumHeadSize else { throw .headerTooLarge }
                resumeOffset = 0
                let head = try Self.parseLines(buffer[start..<lineStart])
                return .complete(head, consumed: lineFeed + 1 - buffer.startIndex)
            }
            lineStart = lineFeed + 1
            search = lineStart
        }
        resumeOffset = lineStart - buffer.startIndex
        guard buffer.endIndex - start <= Self.maximumHeadSize else { throw .headerTooLarge }
        return .incomplete
    }

    /// Parses the request line and header fields (the head without its final empty line).
    private static func parseLines(_ head: ArraySlice<UInt8>) throws(RequestParseFailure) -> RequestHead {
        var lines = head.split(separator: lineFeed, omittingEmptySubsequences: false).map { line in
            line.last == carriageReturn ? line.dropLast() : line
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first else { throw .malformedRequestLine }
        var result = try parseRequestLine(requestLine)
        for line in lines.dropFirst() {
            result.headers.append(try parseHeader(line))
        }
        if !result.isHTTP10, result.values(of: "host").count != 1 { throw .invalidHost }
        return result
    }

    private static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(RequestParseFailure) -> RequestHead {
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenByte),
            !parts[1].isEmpty, parts[1].allSatisfy({ $0 > 0x20 && $0 != 0x7F })
        else { throw .malformedRequestLine }
        let versionBytes = Array(parts[2])
        guard versionBytes.count == 8, versionBytes[0..<5].elementsEqual("HTTP/".utf8),
            isDigit(versionBytes[5]), versionBytes[6] == UInt8(ascii: "."), isDigit(versionBytes[7])
        else { throw .malformedRequestLine }
        let version = String(decoding: versionBytes, as: UTF8.self)
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else { throw .unsupportedVersion }
        return RequestHead(
            method: String(decoding: parts[0], as: UTF8.self),
            target: String(decoding: parts[1], as: UTF8.self),
            version: version,
            headers: []
        )
    }

    private static func parseHeader(_ line: ArraySlice<UInt8>) throws(RequestParseFailure) -> RequestHead.Header {
        // A leading space or tab is obsolete line folding, which RFC 9112 §5.2 lets servers reject.
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
            line[line.startIndex..<colon].allSatisfy(isTokenByte)
        else { throw .malformedHeader }
        var value = line[(colon + 1)...]
        while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
        return RequestHead.Header(
            name: String(decoding: line[line.startIndex..<colon], as: UTF8.self),
            value: String(decoding: value, as: UTF8.self)
        )
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// RFC 9110 `tchar`: the bytes allowed in methods and field names.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
