/// One filter discovered URLs must pass, applied in manifest order.
public enum URLFilterSpec: Sendable, Equatable {
    /// Regular expressions searched in the whole URL: a `deny` match rejects, else an `allow` match accepts,
    /// else `defaultAllow` decides. Patterns were checked to compile when the manifest was decoded.
    case regex(allow: [String], deny: [String], defaultAllow: Bool)
    /// Glob patterns matched against the whole URL, `*` standing for any run of characters; decided like `regex`.
    case urlPattern(allow: [String], deny: [String], defaultAllow: Bool)
    /// At most this many URLs are accepted per host.
    case budget(maxPerHost: Int)
    /// Only URLs within this scope of the seeds are accepted.
    case scope(Scope)
}
