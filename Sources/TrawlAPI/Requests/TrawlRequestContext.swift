import Hummingbird

/// Per-request state the middlewares establish for the handlers: who asked, for which tenant, under which ID.
public struct TrawlRequestContext: RequestContext {
    /// Hummingbird's own per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The request's ID, echoed in `X-Request-Id` and in every log line about it.
    public var requestID = ""
    /// The tenant the request acts for (`X-Tenant-Id`, else the configured default).
    public var tenantID = ""
    /// A state-changing request that a page on another site could have sent (no JSON, no `Authorization`, no
    /// `X-Trawl-Client`): refused before it changes anything.
    public var mayBeCrossSite = false
    /// Tenants the presented API key may use; nil when any tenant is allowed.
    public var allowedTenants: Set<String>?
    /// The console's session, on console pages (`ConsoleAuthMiddleware`).
    var console: ConsoleSession?

    /// A context for a request arriving from `source`.
    public init(source: Source) {
        coreContext = CoreRequestContextStorage(source: source)
    }
}
