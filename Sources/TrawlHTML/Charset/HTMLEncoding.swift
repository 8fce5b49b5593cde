#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A character encoding Trawl can decode a page from, named as the WHATWG Encoding Standard names it.
struct HTMLEncoding: Sendable, Equatable {
    /// How the bytes are turned into UTF-8.
    enum Decoder: Sendable, Equatable {
        case utf8, utf16LE, utf16BE, windows1252
        /// Decoded by the C library's iconv under this converter name.
        case iconv(String)
    }

    /// The WHATWG name, reported as `ParsedHTML.charset`.
    let name: String
    let decoder: Decoder

    static let utf8 = HTMLEncoding(name: "UTF-8", decoder: .utf8)
    static let utf16LE = HTMLEncoding(name: "UTF-16LE", decoder: .utf16LE)
    static let utf16BE = HTMLEncoding(name: "UTF-16BE", decoder: .utf16BE)
    static let windows1252 = HTMLEncoding(name: "windows-1252", decoder: .windows1252)

    /// Looks up a label ("latin1", " UTF8 ", "x-sjis") the way browsers do; nil when the label is unknown,
    /// names an encoding browsers refuse to decode ("replacement", "x-user-defined"), or iconv lacks it.
    init?(label: some StringProtocol) {
        let key = String(label.trimmingASCIIWhitespace()).lowercased()
        guard let name = Self.nameByLabel[key] else { return nil }
        switch name {
        case "UTF-8": self = .utf8
        case "UTF-16LE": self = .utf16LE
        case "UTF-16BE": self = .utf16BE
        case "windows-1252": self = .windows1252
        default:
            guard let converter = Self.availableConverters[name] else { return nil }
            self.init(name: name, decoder: .iconv(converter))
        }
    }

    private init(name: String, decoder: Decoder) {
        self.name = name
        self.decoder = decoder
    }

    /// WHATWG name → iconv converter, for the converters this C library actually has (probed once).
    private static let availableConverters: [String: String] = {
        var available: [String: String] = [:]
        for (name, converter) in iconvNameByEncoding {
            let descriptor = iconv_open("UTF-8", converter)
            if Int(bitPattern: descriptor) != -1 {
                iconv_close(descriptor)
                available[name] = converter
            }
        }
        return available
    }()

    private static let nameByLabel: [String: String] = {
        var table: [String: String] = [:]
        for (name, labels) in labelsByEncoding {
            for label in labels { table[label] = name }
        }
        return table
    }()
}

/// TAB, LF, FF, CR and SPACE as Characters; "\r\n" is a single Character, so it is listed too.
private let asciiWhitespaceCharacters: Set<Character> = [" ", "\t", "\n", "\r", "\u{0C}", "\r\n"]

extension StringProtocol {
    /// The string without leading and trailing TAB, LF, FF, CR and SPACE.
    func trimmingASCIIWhitespace() -> SubSequence {
        guard let first = firstIndex(where: { !asciiWhitespaceCharacters.contains($0) }),
              let last = lastIndex(where: { !asciiWhitespaceCharacters.contains($0) })
        else { return self[endIndex...] }
        return self[first...last]
    }
}
