extension PipelineOptions {
    /// Pipeline component kinds as manifests spell them.
    enum Kind: String, CaseIterable {
        /// Main-content extraction to Markdown.
        case markdown
        case chunk
        case minilm
        case openai
    }

    /// Reads the `pipelines` list: at most one component of each kind, and one embedder. An empty list turns the
    /// pipeline off; a list without an embedder stops at the full-text index.
    static func read(_ value: ConfigValue, at path: String, with reader: inout ManifestReader) -> PipelineOptions {
        let components = reader.components(value, at: path, of: Kind.self, unique: true)
        var options = PipelineOptions(enabled: !components.isEmpty, embedding: nil)
        for component in components {
            switch component.kind {
            case .markdown:
                guard let params = reader.fields(of: component.params, at: component.paramsPath,
                                                 allowed: ["content_xpath", "skip_tags"]) else { continue }
                options.extraction.contentXPath = reader.field("content_xpath", of: params) {
                    $0.string($1, at: $2, nonEmpty: true, maxLength: 1_000)
                }
                options.extraction.skippedTags = reader.field("skip_tags", of: params) { $0.strings($1, at: $2) }?
                    .map { $0.lowercased() } ?? []
            case .chunk:
                guard let params = reader.fields(of: component.params, at: component.paramsPath,
                                                 allowed: ["target_tokens", "overlap_tokens"]) else { continue }
                let target = reader.field("target_tokens", of: params) { $0.int($1, at: $2, in: 16...8_192) }
                    ?? options.chunking.targetTokens
                options.chunking.targetTokens = target
                options.chunking.overlapTokens = reader.field("overlap_tokens", of: params) { reader, value, path in
                    guard let overlap = reader.int(value, at: path, in: 0...Int.max) else { return nil }
                    guard overlap < target else {
                        reader.report(path, "must be less than target_tokens (\(target))")
                        return nil
                    }
                    return overlap
                } ?? min(options.chunking.overlapTokens, target / 2)
            case .minilm, .openai:
                if options.embedding != nil {
                    reader.report(ManifestReader.path(component.path, "kind"), "only one embedder (minilm or openai) may be given")
                    continue
                }
                options.embedding = component.kind == .minilm ? readMiniLM(component, &reader) : readOpenAI(component, &reader)
            }
        }
        return options
    }

    private static func readMiniLM(_ component: ManifestReader.Component<Kind>, _ reader: inout ManifestReader) -> Embedding? {
        reader.fields(of: component.params, at: component.paramsPath, allowed: []) == nil ? nil : .minilm
    }

    /// `{provider, batch_size}` for a provider the operator configured, or `{base_url, model, api_key | api_key_env,
    /// batch_size}` for a service the manifest names itself.
    private static func readOpenAI(_ component: ManifestReader.Component<Kind>, _ reader: inout ManifestReader) -> Embedding? {
        guard let params = reader.fields(of: component.params, at: component.paramsPath,
                                         allowed: ["provider", "base_url", "model", "api_key", "api_key_env",
                                                   "batch_size"]) else { return nil }
        let batchSize = reader.field("batch_size", of: params) { $0.int($1, at: $2, in: 1...2_048) } ?? 64
        if params["provider"] != nil {
            for other in ["base_url", "model", "api_key", "api_key_env"] where params[other] != nil {
                reader.report(params.path(other), "not with provider: the provider's operator sets it")
            }
            let name = reader.field("provider", of: params) { reader, value, path -> String? in
                guard let name = reader.string(value, at: path, nonEmpty: true, maxLength: 64) else { return nil }
                guard Slug.isValid(name) else {
                    reader.report(path, "must be letters, digits, '.', '_' or '-'")
                    return nil
                }
                return name
            }
            return name.map { .openAI(OpenAIEmbeddingOptions(endpoint: .provider($0), batchSize: batchSize)) }
        }
        let baseURL = reader.field("base_url", of: params, required: true) { reader, value, path -> String? in
            guard let text = reader.string(value, at: path, nonEmpty: true, maxLength: 2_000) else { return nil }
            guard text.hasPrefix("http://") || text.hasPrefix("https://") else {
                reader.report(path, "must be an http or https URL")
                return nil
            }
            return text.hasSuffix("/") ? String(text.dropLast()) : text
        }
        let model = reader.field("model", of: params, required: true) { $0.string($1, at: $2, nonEmpty: true, maxLength: 200) }
        let keyVariable = reader.field("api_key_env", of: params) { reader, value, path -> String? in
            guard let name = reader.string(value, at: path, nonEmpty: true) else { return nil }
            // Even the operator names only key-shaped variables, so a manifest copied from elsewhere cannot send
            // another secret of this machine (a cloud credential, say) to an endpoint of its choosing.
            guard name == "OPENAI_API_KEY" || (name.hasPrefix("TRAWL_EMBEDDING_") && name.count > 16) else {
                reader.report(path, "must be OPENAI_API_KEY or start with TRAWL_EMBEDDING_")
                return nil
            }
            return name
        }
        let inlineKey = reader.field("api_key", of: params) { $0.string($1, at: $2, nonEmpty: true, maxLength: 1_000) }
        if keyVariable != nil, inlineKey != nil {
            reader.report(params.path("api_key"), "give api_key or api_key_env, not both")
        }
        guard let baseURL, let model else { return nil }
        // No key means no Authorization header: local services (Ollama, vLLM, TEI) usually want none.
        let key = inlineKey.map(OpenAIEmbeddingOptions.APIKey.inline) ?? keyVariable.map(OpenAIEmbeddingOptions.APIKey.environment)
        return .openAI(OpenAIEmbeddingOptions(endpoint: .direct(baseURL: baseURL, model: model, key: key),
                                              batchSize: batchSize))
    }

    /// The canonical `pipelines` list.
    var configValue: ConfigValue {
        guard enabled else { return .array([]) }
        var components: [ConfigValue] = [
            .component(Kind.markdown.rawValue, [
                ("content_xpath", extraction.contentXPath.map(ConfigValue.string) ?? .null),
                ("skip_tags", .array(extraction.skippedTags.map(ConfigValue.string))),
            ]),
            .component(Kind.chunk.rawValue, [
                ("target_tokens", .int(chunking.targetTokens)), ("overlap_tokens", .int(chunking.overlapTokens)),
            ]),
        ]
        switch embedding {
        case .minilm?: components.append(.component(Kind.minilm.rawValue))
        case .openAI(let options)?:
            switch options.endpoint {
            case .provider(let name):
                components.append(.component(Kind.openai.rawValue, [
                    ("provider", .string(name)), ("batch_size", .int(options.batchSize)),
                ]))
            case let .direct(baseURL, model, key):
                var params: [(String, ConfigValue)] = [("base_url", .string(baseURL)), ("model", .string(model))]
                switch key {
                case .environment(let variable)?: params.append(("api_key_env", .string(variable)))
                case .inline(let secret)?: params.append(("api_key", .string(secret)))
                case nil: params.append(("api_key_env", .null))
                }
                params.append(("batch_size", .int(options.batchSize)))
                components.append(.component(Kind.openai.rawValue, params))
            }
        case nil: break
        }
        return .array(components)
    }
}
