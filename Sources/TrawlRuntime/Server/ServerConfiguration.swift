import Foundation
import TrawlCore

/// How `trawl serve` runs: read from a YAML file, then environment variables, then flags (each overriding the last).
public struct ServerConfiguration: Sendable, Equatable {
    /// One API key and the tenants it may act for (nil: any).
    public struct APIKeySpec: Sendable, Equatable {
        public var token: String
        public var tenants: Set<String>?
        /// A key with its tenants.
        public init(token: String, tenants: Set<String>? = nil) {
            self.token = token
            self.tenants = tenants
        }
    }

    public var host = "127.0.0.1"
    public var port = 8022
    public var storePath = "trawl.db"
    public var defaultTenant = "default"
    public var apiKeys: [APIKeySpec] = []
    public var maxConcurrentRuns = 4
    /// Cores the in-process embedding model (MiniLM) may use; nil for all of them. Workers sharing a machine (or a
    /// machine that also serves the API) give each a share.
    public var embeddingThreads: Int?
    /// Lets jobs fetch loopback, private, link-local and metadata addresses (tests, benchmarks, intranets).
    public var allowPrivateNetworks = false
    /// Lets the server listen on a non-loopback address without API keys.
    public var allowUnauthenticatedRemote = false
    /// Largest request body accepted.
    public var maxBodyBytes = 1 << 20
    /// Connections open at once; more wait in the kernel's backlog. Kept below the file-descriptor limit, so a flood
    /// of connections (Slowloris) cannot take the descriptors the store and the crawler need.
    public var maxConnections = 4_096
    /// A connection that has not sent a complete request head, or has sat idle between requests, this long is
    /// closed: half-sent headers cannot hold connections open.
    public var idleTimeout: Duration = .seconds(10)
    /// Longest a request body may take to arrive.
    public var bodyTimeout: Duration = .seconds(30)
    /// Host names clients may use in `Host` when no API keys are configured, besides `host` and the loopback names.
    public var allowedHosts: [String] = []
    /// Embedding services tenants may pick by name.
    public var embeddingProviders: [EmbeddingProvider] = []
    /// What each tenant may hold and have under way.
    public var tenantLimits = TenantLimits.serverDefaults

    /// The defaults.
    public init() {}

    /// The host names requests may name when no API keys are configured (against DNS rebinding); nil with keys.
    public var acceptedHostNames: Set<String>? {
        guard apiKeys.isEmpty else { return nil }
        let own = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        return Set((["127.0.0.1", "localhost", "::1", own] + allowedHosts).map { $0.lowercased() })
    }

    /// Refuses configurations that would expose an unauthenticated API beyond this machine.
    public func validate() throws(ServerConfigurationError) {
        guard (1...65535).contains(port) else { throw .invalid("port must be between 1 and 65535") }
        guard maxConcurrentRuns >= 1 else { throw .invalid("max_concurrent_runs must be at least 1") }
        if let embeddingThreads, !(1...256).contains(embeddingThreads) {
            throw .invalid("embedding_threads must be 1 to 256")
        }
        guard (16...1_000_000).contains(maxConnections) else { throw .invalid("max_connections must be 16 to 1000000") }
        guard idleTimeout >= .seconds(1), bodyTimeout >= .seconds(1) else {
            throw .invalid("idle_timeout and body_timeout must be at least 1s")
        }
        for (name, path) in TenantLimits.keys {
            // Admission reads at most 10,000 active runs of a group (it names them when it refuses).
            let most = path == \TenantLimits.activeRuns ? 10_000 : 100_000_000
            if let limit = tenantLimits[keyPath: path], !(1...most).contains(limit) {
                throw .invalid("tenant_limits.\(name) must be 1 to \(most), or null for no limit")
            }
        }
        let loopback = host == "127.0.0.1" || host == "localhost" || host == "::1" || host.hasPrefix("127.")
        var names = Set<String>()
        for provider in embeddingProviders {
            guard Slug.isValid(provider.name) else {
                throw .invalid("embedding provider name '\(provider.name)' must be 1 to 64 letters, digits, '.', '_' or '-'")
            }
            guard names.insert(provider.name).inserted else {
                throw .invalid("embedding provider '\(provider.name)' is configured twice")
            }
            guard provider.baseURL.hasPrefix("http://") || provider.baseURL.hasPrefix("https://") else {
                throw .invalid("embedding provider '\(provider.name)': base_url must be an http or https URL")
            }
        }
        if !loopback && apiKeys.isEmpty && !allowUnauthenticatedRemote {
            throw .invalid("refusing to listen on \(host) without API keys; configure api_keys or pass --allow-remote")
        }
    }
}

/// A server configuration that cannot be used, in words for the operator.
public enum ServerConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(String)
    public var description: String {
        switch self { case .invalid(let message): message }
    }
}
