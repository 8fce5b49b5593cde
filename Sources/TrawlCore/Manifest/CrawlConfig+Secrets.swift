extension CrawlConfig {
    /// What the API shows in place of a secret: an embedding key a tenant brought is write-only.
    public static let redactedSecret = "[redacted]"

    /// `configValue` with every secret replaced by `redactedSecret`: the config as jobs and runs show it.
    public var shownConfigValue: ConfigValue {
        guard case .openAI(var options)? = pipeline.embedding,
              case let .direct(baseURL, model, .inline?) = options.endpoint
        else { return configValue }
        var shown = self
        options.endpoint = .direct(baseURL: baseURL, model: model, key: .inline(Self.redactedSecret))
        shown.pipeline.embedding = .openAI(options)
        return shown.configValue
    }

    /// This config with a redacted key put back from `earlier`, so that a client may read a job, change it and
    /// send it back without knowing the key. Only when the endpoint is unchanged: a key goes nowhere new.
    public func restoringSecrets(from earlier: CrawlConfig) -> CrawlConfig {
        guard case .openAI(var options)? = pipeline.embedding,
              case let .direct(baseURL, model, key) = options.endpoint, key == .inline(Self.redactedSecret),
              case .openAI(let before)? = earlier.pipeline.embedding,
              case let .direct(earlierURL, _, earlierKey) = before.endpoint, earlierURL == baseURL,
              case .inline(let secret)? = earlierKey
        else { return self }
        var restored = self
        options.endpoint = .direct(baseURL: baseURL, model: model, key: .inline(secret))
        restored.pipeline.embedding = .openAI(options)
        return restored
    }
}
