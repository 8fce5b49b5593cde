import Testing
import TrawlCore

@Suite struct PipelineOptionsTests {
    @Test func theDefaultPipelineExtractsChunksAndEmbedsWithMiniLM() throws {
        let options = try CrawlConfig(from: ManifestFixture.minimal).pipeline
        #expect(options == PipelineOptions())
        #expect(options.embeddingModel == "all-MiniLM-L6-v2")
    }

    @Test func readsEveryComponent() throws {
        let config = try CrawlConfig(from: ManifestFixture.with("pipelines", [
            ["kind": "markdown", "params": ["content_xpath": "//main", "skip_tags": ["ASIDE", "figure"]]],
            ["kind": "chunk", "params": ["target_tokens": 128, "overlap_tokens": 16]],
            ["kind": "openai", "params": ["base_url": "http://127.0.0.1:11434/v1/", "model": "nomic-embed-text",
                                          "api_key_env": "TRAWL_EMBEDDING_OLLAMA_KEY", "batch_size": 8]],
        ]))
        let options = config.pipeline
        #expect(options.extraction == ExtractionOptions(contentXPath: "//main", skippedTags: ["aside", "figure"]))
        #expect(options.chunking == ChunkingOptions(targetTokens: 128, overlapTokens: 16))
        #expect(options.embedding == .openAI(OpenAIEmbeddingOptions(baseURL: "http://127.0.0.1:11434/v1", model: "nomic-embed-text",
                                                                    apiKeyEnvironment: "TRAWL_EMBEDDING_OLLAMA_KEY", batchSize: 8)))
        #expect(try CrawlConfig(from: config.configValue) == config)
    }

    @Test func anEmptyListTurnsThePipelineOffAndNoEmbedderStopsAtText() throws {
        let off = try CrawlConfig(from: ManifestFixture.with("pipelines", [])).pipeline
        #expect(!off.enabled)
        #expect(off.embeddingModel == nil)
        let textOnly = try CrawlConfig(from: ManifestFixture.with("pipelines", [["kind": "markdown"]])).pipeline
        #expect(textOnly.enabled && textOnly.embedding == nil)
        let roundTrip = try CrawlConfig(from: ManifestFixture.with("pipelines", [["kind": "chunk"]]))
        #expect(try CrawlConfig(from: roundTrip.configValue).pipeline == roundTrip.pipeline)
    }

    static let issueCases: [ManifestIssueCase] = [
        ManifestIssueCase("pipelines", [["kind": "minilm"], ["kind": "openai", "params": ["base_url": "http://x/v1", "model": "m"]]],
                          "config.pipelines[1].kind", "only one embedder (minilm or openai) may be given"),
        ManifestIssueCase("pipelines", [["kind": "chunk", "params": ["target_tokens": 100, "overlap_tokens": 100]]],
                          "config.pipelines[0].params.overlap_tokens", "must be less than target_tokens (100)"),
        ManifestIssueCase("pipelines", [["kind": "openai", "params": ["base_url": "ftp://x", "model": "m"]]],
                          "config.pipelines[0].params.base_url", "must be an http or https URL"),
        ManifestIssueCase("pipelines", [["kind": "openai", "params": ["base_url": "http://x/v1"]]],
                          "config.pipelines[0].params.model", "is required"),
        ManifestIssueCase("pipelines", [["kind": "openai", "params": ["base_url": "http://x/v1", "model": "m",
                                                                      "api_key_env": "AWS_SECRET_ACCESS_KEY"]]],
                          "config.pipelines[0].params.api_key_env", "must be OPENAI_API_KEY or start with TRAWL_EMBEDDING_"),
        ManifestIssueCase("pipelines", [["kind": "chunk", "params": ["target_tokens": 4]]],
                          "config.pipelines[0].params.target_tokens", "must be between 16 and 8192"),
    ]

    @Test(arguments: issueCases)
    func reportsIssues(_ issueCase: ManifestIssueCase) {
        #expect(ManifestFixture.issues(of: issueCase.config) == issueCase.issues)
    }
}
