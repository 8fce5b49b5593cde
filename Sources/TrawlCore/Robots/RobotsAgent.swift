/// The crawler a robots.txt user-agent line names: everyone (`*`) or one product token.
enum RobotsAgent: Sendable, Equatable {
    /// The `*` line that applies when no group names us.
    case wildcard
    /// A product token, lower-cased so comparison is case-insensitive as RFC 9309 §2.2.1 requires.
    case product(String)

    /// Reads the value of a user-agent line; nil when it starts with no product token (empty, `123bot`).
    init?(userAgentValue value: ArraySlice<UInt8>) {
        if value.first == UInt8(ascii: "*"),
           value.dropFirst().first.map({ !Self.isTokenByte($0) }) ?? true {
            self = .wildcard
            return
        }
        let token = Self.productToken(of: value)
        guard !token.isEmpty else { return nil }
        self = .product(token)
    }

    /// The product token at the start of `text` (`Trawl/1.0 (+https://x)` gives `trawl`), lower-cased.
    ///
    /// RFC 9309 limits product tokens to letters, `_` and `-`; everything from the first other character on
    /// (a version, a comment, a URL) is not part of the name.
    static func productToken(of text: some Collection<UInt8>) -> String {
        var token: [UInt8] = []
        for byte in text {
            guard isTokenByte(byte) else { break }
            let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
            token.append(isUpper ? byte + 0x20 : byte)
        }
        return String(decoding: token, as: UTF8.self)
    }

    /// Whether `byte` may appear in a product token.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}
