/// A bearer token and the tenants it may act for.
public struct APIKey: Sendable {
    /// The secret the client sends as `Authorization: Bearer <token>`.
    public var token: String
    /// The tenants this key may use; nil means any tenant.
    public var tenants: Set<String>?

    /// A key for `token`, limited to `tenants` when given.
    public init(token: String, tenants: Set<String>? = nil) {
        self.token = token
        self.tenants = tenants
    }
}
