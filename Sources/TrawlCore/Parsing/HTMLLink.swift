/// One outgoing reference found in an HTML page, with its raw (unresolved) target.
public struct HTMLLink: Sendable, Equatable {
    /// The attribute value, trimmed of ASCII whitespace; never empty.
    public var href: String
    /// Which element carried the link.
    public var kind: Kind
    /// True when `rel` contains `nofollow` or the page's meta robots says nofollow.
    public var nofollow: Bool

    /// The element a link came from: `a[href]`, `area[href]`, `frame[src]` or `iframe[src]`.
    public enum Kind: String, Sendable {
        case anchor, area, frame, iframe
    }

    /// Creates a link.
    public init(href: String, kind: Kind, nofollow: Bool = false) {
        self.href = href
        self.kind = kind
        self.nofollow = nofollow
    }
}
