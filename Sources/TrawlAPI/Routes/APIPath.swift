/// The path shapes the middlewares care about.
enum APIPath {
    /// The versioned prefix every authenticated, tenant-scoped endpoint lives under.
    static let version = "/v1"

    /// True for `/v1` and everything below it (unknown routes included, so they too need a key).
    static func isVersioned(_ path: String) -> Bool {
        path == version || path.hasPrefix(version + "/")
    }
}
