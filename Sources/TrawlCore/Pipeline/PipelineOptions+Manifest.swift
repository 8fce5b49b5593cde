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

    private static func readOpenAI(_ component: ManifestReader.Component<Kind>, _ reader: inout ManifestReader) -> Embedding? {
        guard let params = reader.fields(of: component.params, at: component.paramsPath,
                                         allowed: ["base_url", "model", "api_key_env", "batch_size"]) else { return nil }
        let baseURL = reader.field("base_url", of: params, required: true) { reader, value, path -> String? in
            guard let text = reader.string(value, at: path, nonEmpty: true) else { return nil }
            guard text.hasPrefix("http://") || text.hasPrefix("https://") else {
                reader.report(path, "must be an http or https URL")
                return nil
            }
            return text.hasSuffix("/") ? String(text.dropLast()) : text
        }
        let model = reader.field("model", of: params, required: true) { $0.string($1, at: $2, nonEmpty: true) }
        let keyVariable = reader.field("api_key_env", of: params) { reader, value, path -> String? in
            guard let name = reader.string(value, at: path, nonEmpty: true) else { return nil }
            // A job names a variable of the server's environment: only key-shaped names, or a job could send any
            // secret of the server (a cloud credential, say) to an endpoint of its choosing.
            guard name == "OPENAI_API_KEY" || (name.hasPrefix("TRAWL_EMBEDDING_") && name.count > 16) else {
                reader.report(path, "must be OPENAI_API_KEY or start with TRAWL_EMBEDDING_")
                return nil
            }
            return name
        }
        let batchSize = reader.field("batch_size", of: params) { $0.int($1, at: $2, in: 1...2_048) } ?? 64
        guard let baseURL, let model else { return nil }
        // No key variable means no Authorization header: local services (Ollama, vLLM, TEI) usually want none.
        return .openAI(OpenAIEmbeddingOptions(baseURL: baseURL, model: model, apiKeyEnvironment: keyVariable,
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
            components.append(.component(Kind.openai.rawValue, [
                ("base_url", .string(options.baseURL)), ("model", .string(options.model)),
                ("api_key_env", options.apiKeyEnvironment.map(ConfigValue.string) ?? .null),
                ("batch_size", .int(options.batchSize)),
            ]))
        case nil: break
        }
        return .array(components)
    }
}
