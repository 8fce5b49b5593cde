/// The indexing directives a page gives robots (`<meta name=robots>`, also usable for `X-Robots-Tag`).
public struct MetaRobots: Sendable, Equatable {
    /// The page asks not to be indexed.
    public var noindex: Bool
    /// The page asks that its links not be followed.
    public var nofollow: Bool

    /// Creates directives; the default allows both indexing and following.
    public init(noindex: Bool = false, nofollow: Bool = false) {
        self.noindex = noindex
        self.nofollow = nofollow
    }

    /// Parses a directive list such as "noindex, nofollow" or "NONE"; unknown directives are ignored.
    public init(content: some StringProtocol) {
        self.init()
        // Commas are the documented separator, but pages also use spaces and semicolons.
        let directives = content.utf8.split {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0.isASCIIWhitespace
        }
        for directive in directives {
            switch String(decoding: directive, as: UTF8.self).lowercased() {
            case "noindex": noindex = true
            case "nofollow": nofollow = true
            case "none": noindex = true; nofollow = true
            default: break
            }
        }
    }

    /// Directives from several sources combine: any source saying "no" wins.
    public func union(_ other: MetaRobots) -> MetaRobots {
        MetaRobots(noindex: noindex || other.noindex, nofollow: nofollow || other.nofollow)
    }
}

extension UInt8 {
    /// TAB, LF, FF, CR or SPACE: the WHATWG definition of ASCII whitespace.
    fileprivate var isASCIIWhitespace: Bool {
        self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0C || self == 0x0D
    }
}
