/// How the HTTP API behaves: default tenant, body limit and API keys.
public struct APIConfiguration: Sendable {
    /// The tenant used when a request carries no `X-Tenant-Id`.
    public var defaultTenant = "default"
    /// The largest request body accepted, in bytes (413 beyond).
    public var maxBodyBytes = 1 << 20
    /// Keys accepted in `Authorization: Bearer`; empty means no authentication.
    public var apiKeys: [APIKey] = []

    /// The defaults: tenant `default`, 1 MiB bodies, no authentication.
    public init() {}
}
