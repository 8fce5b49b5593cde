/// How discovered URLs are rewritten before they are deduplicated and queued. Fragments are always removed.
public struct SanitizeOptions: Sendable, Equatable {
    /// Drop the whole query string.
    public var stripQuery: Bool
    /// Drop query parameters whose names match any of these globs, e.g. "utm_*".
    public var stripParameters: [String]

    /// Options with the given settings.
    public init(stripQuery: Bool = false, stripParameters: [String] = []) {
        self.stripQuery = stripQuery
        self.stripParameters = stripParameters
    }
}
