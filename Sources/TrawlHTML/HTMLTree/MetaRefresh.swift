/// Reads the target of `<meta http-equiv=refresh content="5; url=/next">`, following the WHATWG
/// "shared declarative refresh steps": `5;url=x`, `0, 'x'`, `3 x` and `1.5; URL = "x"` all name x.
enum MetaRefresh {
    /// The URL in a refresh `content` value; nil when it only sets a delay or is malformed.
    static func url(in content: String) -> String? {
        let input = Array(content.utf8)
        var position = 0
        skipWhitespace(input, &position)
        let delayStart = position
        while position < input.count, isDigit(input[position]) { position += 1 }
        guard position > delayStart || (position < input.count && input[position] == UInt8(ascii: ".")) else {
            return nil
        }
        while position < input.count, isDigit(input[position]) || input[position] == UInt8(ascii: ".") {
            position += 1
        }
        guard position < input.count else { return nil }
        let separator = input[position]
        guard separator == UInt8(ascii: ";") || separator == UInt8(ascii: ",") || separator.isASCIIWhitespace else {
            return nil
        }
        skipWhitespace(input, &position)
        if position < input.count, input[position] == UInt8(ascii: ";") || input[position] == UInt8(ascii: ",") {
            position += 1
        }
        skipWhitespace(input, &position)

        // An optional `url =` prefix; without the `=`, "url" is part of the address itself.
        var urlStart = position
        if position + 3 <= input.count,
           input[position..<position + 3].map(\.asciiLowercased).elementsEqual("url".utf8) {
            var afterKeyword = position + 3
            skipWhitespace(input, &afterKeyword)
            if afterKeyword < input.count, input[afterKeyword] == UInt8(ascii: "=") {
                afterKeyword += 1
                skipWhitespace(input, &afterKeyword)
                urlStart = afterKeyword
            }
        }
        var urlEnd = input.count
        if urlStart < input.count, input[urlStart] == UInt8(ascii: "'") || input[urlStart] == UInt8(ascii: "\"") {
            let quote = input[urlStart]
            urlStart += 1
            urlEnd = input[urlStart...].firstIndex(of: quote) ?? input.count
        }
        let url = String(decoding: input[urlStart..<urlEnd], as: UTF8.self).trimmingASCIIWhitespace()
        return url.isEmpty ? nil : String(url)
    }

    private static func skipWhitespace(_ input: [UInt8], _ position: inout Int) {
        while position < input.count, input[position].isASCIIWhitespace { position += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
