/// One recognised line of a robots.txt: its directive and its value, without comment or surrounding blanks.
struct RobotsLine: Sendable, Equatable {
    /// What the line's key says it is.
    let directive: RobotsDirective
    /// The text after the first `:`, trimmed of spaces and tabs.
    let value: ArraySlice<UInt8>

    /// RFC 9309 §2.5 asks crawlers to parse at least 500 KiB; parsing exactly that bounds memory and time.
    static let parseLimit = 500 * 1024

    /// Splits a robots.txt body into its recognised lines, in file order.
    ///
    /// Only the first ``parseLimit`` bytes are read, a leading UTF-8 byte-order mark is skipped, lines end at
    /// LF, CR or CRLF, `#` starts a comment, and lines without a `:` or with an unknown key are dropped.
    static func scan(_ body: [UInt8]) -> [RobotsLine] {
        var text = limited(body)
        if text.starts(with: [0xEF, 0xBB, 0xBF]) {
            text = text.dropFirst(3)
        }
        var lines: [RobotsLine] = []
        var lineStart = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            guard byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") else {
                index += 1
                continue
            }
            if let line = RobotsLine(text[lineStart..<index]) {
                lines.append(line)
            }
            index += 1
            if byte == UInt8(ascii: "\r"), index < text.endIndex, text[index] == UInt8(ascii: "\n") {
                index += 1
            }
            lineStart = index
        }
        if lineStart < text.endIndex, let line = RobotsLine(text[lineStart...]) {
            lines.append(line)
        }
        return lines
    }

    /// Reads one raw line, or returns nil when it carries nothing we act on.
    private init?(_ raw: ArraySlice<UInt8>) {
        let content = raw[..<(raw.firstIndex(of: UInt8(ascii: "#")) ?? raw.endIndex)]
        guard let colon = content.firstIndex(of: UInt8(ascii: ":")),
              let directive = RobotsDirective(key: Self.trimmed(content[..<colon]))
        else { return nil }
        self.directive = directive
        self.value = Self.trimmed(content[(colon + 1)...])
    }

    /// The part of `body` that is parsed: all of it when small, else the first ``parseLimit`` bytes less any
    /// line cut in half, because a truncated pattern such as `Allow: /p` (from `Allow: /private-but-ok`) would
    /// change its meaning rather than just lose it.
    private static func limited(_ body: [UInt8]) -> ArraySlice<UInt8> {
        guard body.count > parseLimit else { return body[...] }
        let isBreak = { (byte: UInt8) in byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") }
        if isBreak(body[parseLimit]) {
            return body[..<parseLimit]
        }
        guard let lastBreak = body[..<parseLimit].lastIndex(where: isBreak) else { return [] }
        return body[...lastBreak]
    }

    /// `bytes` without leading and trailing spaces and tabs.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }),
              let last = bytes.lastIndex(where: { !isBlank($0) })
        else { return bytes[bytes.endIndex...] }
        return bytes[first...last]
    }
}
