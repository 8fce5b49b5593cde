/// The kind of a robots.txt line, recognised from its key.
enum RobotsDirective: Sendable, Equatable {
    case userAgent
    case allow
    case disallow
    case crawlDelay
    case sitemap

    /// Recognises a key case-insensitively, or returns nil for keys we do not act on.
    ///
    /// `-`, `_`, spaces and tabs inside the key are ignored, so `User-agent`, `useragent`, `user agent` and
    /// `user_agent` (likewise `crawl-delay`, `crawldelay`, `site-map`) are one key: these are the variants
    /// hand-written files actually contain. Besides that only three misspellings of `disallow` are accepted
    /// (`dissallow`, `dissalow`, `disalow`), because a missed Disallow makes us crawl what the site forbids.
    init?(key: ArraySlice<UInt8>) {
        var folded: [UInt8] = []
        folded.reserveCapacity(key.count)
        for byte in key {
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: " "), UInt8(ascii: "\t"):
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                folded.append(byte + 0x20)
            default:
                folded.append(byte)
            }
        }
        switch String(decoding: folded, as: UTF8.self) {
        case "useragent": self = .userAgent
        case "allow": self = .allow
        case "disallow", "dissallow", "dissalow", "disalow": self = .disallow
        case "crawldelay": self = .crawlDelay
        case "sitemap": self = .sitemap
        default: return nil
        }
    }
}
