import TrawlCore

/// What the server asks of manifests beyond their shape, because tenants write them: an embedding key is either
/// the tenant's own or hidden behind a provider the operator named; never a variable of the server's environment,
/// which would let a tenant send the operator's key to a URL of its choosing.
struct TenantManifestPolicy: Sendable {
    /// The providers configured in `server.yaml`.
    let providerNames: Set<String>
    /// True only where the operator writes the manifests.
    let allowsEnvironmentKeys: Bool

    /// The problems with `config`, at their paths in the posted document (`raw`).
    func issues(_ config: CrawlConfig, raw: ConfigValue) -> [ManifestError.Issue] {
        guard case .openAI(let options)? = config.pipeline.embedding else { return [] }
        let params = Self.embedderParamsPath(in: raw)
        switch options.endpoint {
        case .provider(let name) where !providerNames.contains(name):
            let known = providerNames.isEmpty ? "none is configured" : "configured: " + providerNames.sorted().joined(separator: ", ")
            return [.init(path: "\(params).provider", message: "unknown embedding provider '\(name)'; \(known)")]
        case .direct(_, _, .environment?) where !allowsEnvironmentKeys:
            return [.init(path: "\(params).api_key_env", message: "names a variable of the server's environment; "
                + "use an embedding provider (provider: NAME) or give your own api_key")]
        default:
            return []
        }
    }

    /// `config.pipelines[i].params` of the embedder component, as the manifest reader names paths.
    private static func embedderParamsPath(in raw: ConfigValue) -> String {
        guard case .object(let fields) = raw, case .array(let components)? = fields.first(where: { $0.0 == "pipelines" })?.1,
              let index = components.firstIndex(where: { component in
                  guard case .object(let parts) = component else { return false }
                  return parts.contains { $0.0 == "kind" && $0.1 == .string("openai") }
              })
        else { return "config.pipelines" }
        return "config.pipelines[\(index)].params"
    }
}
