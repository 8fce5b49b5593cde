import Foundation
import TrawlCore
import TrawlEmbed

extension ServerConfiguration {
    /// Applies a YAML file's keys (`host`, `port`, `db`, `default_tenant`, `max_concurrent_runs`, `embedding_threads`,
    /// `allow_private_networks`, `allow_remote`, `max_body_bytes`, `api_keys: [{token, tenants}]`,
    /// `max_connections`, `idle_timeout`, `body_timeout`, `allowed_hosts: [name]`, `embedding_providers: [{name, base_url, model, api_key_env, dimensions}]`,
    /// `tenant_limits: {jobs, triggers, active_runs, concurrent_exports}`).
    public mutating func apply(file path: String) throws(ServerConfigurationError) {
        let value: ConfigValue
        do {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            value = try ManifestLoader.configValue(yaml: text)
        } catch {
            throw .invalid("\(path): \(error)")
        }
        guard case .object(let fields) = value else { throw .invalid("\(path): expected a mapping of settings") }
        for (key, field) in fields {
            switch (key, field) {
            case ("host", .string(let text)): host = text
            case ("port", .int(let number)): port = number
            case ("db", .string(let text)): storePath = text
            case ("default_tenant", .string(let text)): defaultTenant = text
            case ("max_concurrent_runs", .int(let number)): maxConcurrentRuns = number
            case ("embedding_threads", .int(let number)): embeddingThreads = number
            case ("allow_private_networks", .bool(let flag)): allowPrivateNetworks = flag
            case ("allow_remote", .bool(let flag)): allowUnauthenticatedRemote = flag
            case ("max_body_bytes", .int(let number)): maxBodyBytes = number
            case ("api_keys", .array(let keys)):
                apiKeys = try keys.enumerated().map { index, key throws(ServerConfigurationError) in
                    try Self.apiKey(key, path: "\(path): api_keys[\(index)]")
                }
            case ("max_connections", .int(let number)): maxConnections = number
            case ("idle_timeout", .string(let text)), ("body_timeout", .string(let text)):
                guard let duration = DurationText.parse(text) else {
                    throw .invalid("\(path): \(key) must be a duration such as 10s")
                }
                if key == "idle_timeout" { idleTimeout = duration } else { bodyTimeout = duration }
            case ("allowed_hosts", .array(let names)):
                allowedHosts = try names.map { name throws(ServerConfigurationError) in
                    guard case .string(let text) = name, !text.isEmpty else {
                        throw .invalid("\(path): allowed_hosts must be a list of host names")
                    }
                    return text
                }
            case ("tenant_limits", .object(let limits)):
                for (name, value) in limits {
                    guard let field = TenantLimits.keys.first(where: { $0.name == name })?.path else {
                        throw .invalid("\(path): unknown tenant limit '\(name)'")
                    }
                    switch value {
                    case .int(let limit): tenantLimits[keyPath: field] = limit
                    case .null: tenantLimits[keyPath: field] = nil
                    default: throw .invalid("\(path): tenant_limits.\(name) must be a number or null")
                    }
                }
            case ("embedding_providers", .array(let providers)):
                embeddingProviders = try providers.enumerated().map { index, provider throws(ServerConfigurationError) in
                    try Self.embeddingProvider(provider, path: "\(path): embedding_providers[\(index)]")
                }
            default:
                throw .invalid("\(path): unknown or mistyped setting '\(key)'")
            }
        }
    }

    /// Applies `TRAWL_*` environment variables.
    public mutating func apply(environment: [String: String]) throws(ServerConfigurationError) {
        if let host = environment["TRAWL_HOST"] { self.host = host }
        if let port = environment["TRAWL_PORT"] {
            guard let number = Int(port) else { throw .invalid("TRAWL_PORT must be a number") }
            self.port = number
        }
        if let db = environment["TRAWL_DB"] { storePath = db }
        if let tenant = environment["TRAWL_DEFAULT_TENANT"] { defaultTenant = tenant }
        if let runs = environment["TRAWL_MAX_CONCURRENT_RUNS"] {
            guard let number = Int(runs) else { throw .invalid("TRAWL_MAX_CONCURRENT_RUNS must be a number") }
            maxConcurrentRuns = number
        }
        if let threads = environment["TRAWL_EMBEDDING_THREADS"] {
            guard let number = Int(threads) else { throw .invalid("TRAWL_EMBEDDING_THREADS must be a number") }
            embeddingThreads = number
        }
        if let flag = environment["TRAWL_ALLOW_PRIVATE_NETWORKS"] { allowPrivateNetworks = try Self.bool(flag, "TRAWL_ALLOW_PRIVATE_NETWORKS") }
        if let keys = environment["TRAWL_API_KEYS"] {
            apiKeys = keys.split(separator: ",").map { Self.apiKey(flag: String($0)) }
        }
    }

    /// Parses `TOKEN` or `TOKEN:tenant1+tenant2` (the `--api-key` flag and `TRAWL_API_KEYS` entries).
    public static func apiKey(flag: String) -> APIKeySpec {
        let parts = flag.split(separator: ":", maxSplits: 1)
        let tenants = parts.count > 1 ? Set(parts[1].split(separator: "+").map(String.init)) : nil
        return APIKeySpec(token: String(parts[0]), tenants: tenants)
    }

    private static func apiKey(_ value: ConfigValue, path: String) throws(ServerConfigurationError) -> APIKeySpec {
        guard case .object(let fields) = value, case .string(let token)? = fields.first(where: { $0.0 == "token" })?.1,
              !token.isEmpty else { throw .invalid("\(path): expected {token: ..., tenants: [...]}") }
        var tenants: Set<String>?
        if let list = fields.first(where: { $0.0 == "tenants" })?.1 {
            guard case .array(let items) = list else { throw .invalid("\(path).tenants: expected a list") }
            tenants = Set(items.compactMap { if case .string(let text) = $0 { text } else { nil } })
        }
        return APIKeySpec(token: token, tenants: tenants)
    }

    private static func embeddingProvider(_ value: ConfigValue, path: String) throws(ServerConfigurationError)
        -> EmbeddingProvider {
        guard case .object(let fields) = value else {
            throw .invalid("\(path): expected {name, base_url, model, api_key_env, dimensions}")
        }
        var strings: [String: String] = [:]
        var dimensions: Int?
        for (key, field) in fields {
            switch (key, field) {
            case ("name", .string(let text)), ("base_url", .string(let text)), ("model", .string(let text)),
                 ("api_key_env", .string(let text)):
                strings[key] = text
            // The embedder refuses longer vectors: a provider configured past that could never be used.
            case ("dimensions", .int(let number)) where (1...OpenAIEmbedder.maximumDimensions).contains(number):
                dimensions = number
            default:
                throw .invalid("\(path): unknown or mistyped field '\(key)'")
            }
        }
        guard let name = strings["name"], let baseURL = strings["base_url"], let model = strings["model"] else {
            throw .invalid("\(path): name, base_url and model are required")
        }
        let root = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        return EmbeddingProvider(name: name, baseURL: root, model: model, apiKeyEnvironment: strings["api_key_env"],
                                 dimensions: dimensions)
    }

    private static func bool(_ text: String, _ name: String) throws(ServerConfigurationError) -> Bool {
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw .invalid("\(name) must be true or false")
        }
    }
}
