import Foundation
import Testing
import TrawlAPI
import TrawlCore
import TrawlRuntime
import TrawlTestSupport

/// A run whose pipeline embeds through an OpenAI-compatible service (a small one on 127.0.0.1 that answers with
/// word-hash vectors), and the server's address policy keeping such endpoints off private networks.
@Suite struct OpenAIPipelineTests {
    /// `POST /v1/embeddings` answered like OpenAI does, with `WordHashEmbedder` vectors.
    static func embeddingService() throws -> FixtureServer {
        try FixtureServer { request in
            guard request.method == "POST", request.path == "/v1/embeddings",
                  let body = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
                  let inputs = body["input"] as? [String] else { return .status(400) }
            let data = inputs.enumerated().map { index, text in
                ["object": "embedding", "index": index, "embedding": WordHashEmbedder.vector(text).map(Double.init)] as [String: Any]
            }
            let answer: [String: Any] = ["object": "list", "data": data, "model": body["model"] ?? "",
                                         "usage": ["prompt_tokens": 1, "total_tokens": 1]]
            return .bytes(Array(try! JSONSerialization.data(withJSONObject: answer)), contentType: "application/json")
        }
    }

    /// A started service over `harness`, a job of `config` for tenant acme, and its first run once settled.
    static func settledRun(_ harness: CrawlHarness, _ config: ConfigValue) async throws -> (TrawlService, Job, Run) {
        let trawl = await harness.runtime.makeService()
        try await trawl.start()
        let (job, created) = try await trawl.createJob(JobDraft(name: "docs", config: config), tenantID: "acme",
                                                       startRun: true)
        return (trawl, job, try await DocumentPipelineTests.settled(trawl, try #require(created).id))
    }

    static func config(site: FixtureServer, service: FixtureServer) -> ConfigValue {
        config(site: site, embedder: ["base_url": .string(service.url("/v1")), "model": "word-hash"])
    }

    static func config(site: FixtureServer, embedder params: ConfigValue) -> ConfigValue {
        guard case .object(var fields) = DocumentPipelineTests.config(site) else { return .null }
        fields.append(("pipelines", [["kind": "markdown"], ["kind": "chunk"], ["kind": "openai", "params": params]]))
        return .object(fields)
    }

    @Test func aRunEmbedsThroughTheServiceAndSearchesWithIt() async throws {
        let site = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { site.stop() }
        let service = try Self.embeddingService()
        defer { service.stop() }
        let harness = try await CrawlHarness(embedders: nil)
        defer { harness.cleanUp() }
        let (trawl, _, run) = try await Self.settledRun(harness, Self.config(site: site, service: service))
        #expect(run.pipeline.semanticReadyAt != nil, "\(run.pipeline.error ?? "")")
        #expect(run.pipeline.chunks.embedded == run.pipeline.chunks.created)
        #expect(service.requests.contains { $0.path == "/v1/embeddings" })
        let results = try await trawl.search(SearchQuery(tenantID: "acme", text: "install packages with apt on debian"),
                                             mode: .semantic).results
        #expect(results.first?.hit.url == site.url("/install"))
        await trawl.shutdown()
    }

    @Test func aPrivateEndpointIsRefusedUnlessPrivateNetworksAreAllowed() async throws {
        let site = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { site.stop() }
        let service = try Self.embeddingService()
        defer { service.stop() }
        // The server's one address policy covers seeds and embedding endpoints alike: under `publicOnly` the fetch of
        // 127.0.0.1 fails as blocked, and the pipeline must refuse the 127.0.0.1 endpoint without calling it.
        let harness = try await CrawlHarness(addressPolicy: .publicOnly, embedders: nil)
        defer { harness.cleanUp() }
        let (trawl, _, run) = try await Self.settledRun(harness, Self.config(site: site, service: service))
        #expect(run.progress.fetched == 0 && run.progress.failed == 1)
        #expect(run.pipeline.stages[.embed]?.failed == true)
        // Refused, and saying why without the address the endpoint's name resolved to (a tenant's host name would
        // otherwise reveal the server's internal addresses).
        let error = run.pipeline.error ?? ""
        #expect(error.contains("refused to connect") && error.contains("loopback"), "\(error)")
        #expect(!error.contains("refused to connect to"), "\(error)")
        #expect(service.requests.isEmpty)  // the embedding endpoint was never contacted
        await trawl.shutdown()
    }

    /// On the server, manifests are tenants': one may not name a variable of the server's environment as its key
    /// (it would send the operator's key to a URL of its choosing), nor a provider the operator did not configure.
    @Test func tenantsCannotAimTheOperatorsKey() async throws {
        let site = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { site.stop() }
        let harness = try await CrawlHarness(embedders: nil) {
            $0.manifestsMayNameEnvironmentKeys = false
            $0.embeddingProviders = [EmbeddingProvider(name: "house", baseURL: "http://127.0.0.1:1/v1", model: "m")]
        }
        defer { harness.cleanUp() }
        let trawl = await harness.runtime.makeService()
        let attempts: [(ConfigValue, String, String)] = [
            (["base_url": "https://evil.example/v1", "model": "m", "api_key_env": "OPENAI_API_KEY"],
             "config.pipelines[2].params.api_key_env", "names a variable of the server's environment"),
            (["provider": "elsewhere"], "config.pipelines[2].params.provider", "unknown embedding provider 'elsewhere'"),
        ]
        for (params, path, message) in attempts {
            do {
                _ = try await trawl.createJob(JobDraft(name: "docs", config: Self.config(site: site, embedder: params)),
                                              tenantID: "acme", startRun: true)
                Issue.record("accepted \(params)")
            } catch {
                guard case .validation(let issues) = error else { Issue.record("\(error)"); continue }
                #expect(issues.contains { $0.path == path && $0.message.contains(message) }, "\(issues)")
            }
        }
        #expect(try await trawl.listJobs(JobQuery(tenantID: "acme")).isEmpty)
    }

    /// A provider is the operator's: its URL (here loopback, under a public-only policy for tenants' crawls) and its
    /// key stay server-side, and the tenant's job names only the provider.
    @Test func aProviderEmbedsWithTheOperatorsKeyWherever() async throws {
        let site = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { site.stop() }
        let service = try Self.embeddingService()
        defer { service.stop() }
        setenv("TRAWL_EMBEDDING_TEST_PROVIDER_KEY", "sk-operator-7", 1)
        let harness = try await CrawlHarness(embedders: nil) {
            $0.manifestsMayNameEnvironmentKeys = false
            $0.embeddingProviders = [EmbeddingProvider(name: "house", baseURL: service.url("/v1"), model: "word-hash",
                                                       apiKeyEnvironment: "TRAWL_EMBEDDING_TEST_PROVIDER_KEY")]
        }
        defer { harness.cleanUp() }
        let (trawl, job, run) = try await Self.settledRun(harness, Self.config(site: site, embedder: ["provider": "house"]))
        #expect(run.pipeline.semanticReadyAt != nil, "\(run.pipeline.error ?? "")")
        #expect(service.requests.allSatisfy { $0.header("Authorization") == "Bearer sk-operator-7" })
        let shown = String(decoding: try JSONEncoder().encode(JobResource(job)), as: UTF8.self)
        #expect(shown.contains("\"provider\":\"house\""))
        #expect(!shown.contains(service.url("/v1")) && !shown.contains("sk-operator"))
        await trawl.shutdown()
    }

    /// A tenant's own key is stored with its job but never shown back; sent back redacted, it is kept.
    @Test func aTenantsOwnKeyIsWriteOnly() async throws {
        let site = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { site.stop() }
        let harness = try await CrawlHarness(embedders: nil) { $0.manifestsMayNameEnvironmentKeys = false }
        defer { harness.cleanUp() }
        let trawl = await harness.runtime.makeService()
        let params: ConfigValue = ["base_url": "https://embeddings.example/v1", "model": "m", "api_key": "sk-tenant-own-9"]
        let (job, _) = try await trawl.createJob(JobDraft(name: "docs", config: Self.config(site: site, embedder: params)),
                                                 tenantID: "acme", startRun: false)
        let shown = String(decoding: try JSONEncoder().encode(JobResource(job)), as: UTF8.self)
        #expect(!shown.contains("sk-tenant-own-9"))
        #expect(shown.contains(CrawlConfig.redactedSecret))
        // Read, change the name, send back: the key survives without the client knowing it.
        let echoed = JobDraft(name: "renamed", config: job.config.shownConfigValue)
        let updated = try await trawl.updateJob(job.id, with: echoed, tenantID: "acme")
        guard case .openAI(let options)? = updated.config.pipeline.embedding,
              case .direct(_, _, let key) = options.endpoint else { Issue.record("no embedder"); return }
        #expect(key == .inline("sk-tenant-own-9"))
    }

    /// What a service says when it fails goes to the operator's log, never into documents, steps or search errors.
    @Test func aServicesErrorTextIsNotReflected() async throws {
        let site = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { site.stop() }
        let service = try FixtureServer { _ in .text("INTERNAL-ANSWER-7f3a: db at 10.0.0.5 is down", status: 400) }
        defer { service.stop() }
        let harness = try await CrawlHarness(embedders: nil)
        defer { harness.cleanUp() }
        let (trawl, _, run) = try await Self.settledRun(harness, Self.config(site: site, service: service))
        let shown = String(decoding: try JSONEncoder().encode(RunResource(run)), as: UTF8.self)
        #expect(shown.contains("refused the request (400)"), "\(shown)")
        #expect(!shown.contains("INTERNAL-ANSWER"))
        await trawl.shutdown()
    }
}
