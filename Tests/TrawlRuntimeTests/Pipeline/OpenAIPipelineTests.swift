import Foundation
import Testing
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

    static func config(site: FixtureServer, service: FixtureServer) -> ConfigValue {
        guard case .object(var fields) = DocumentPipelineTests.config(site) else { return .null }
        fields.append(("pipelines", [
            ["kind": "markdown"], ["kind": "chunk"],
            ["kind": "openai", "params": ["base_url": .string(service.url("/v1")), "model": "word-hash"]],
        ]))
        return .object(fields)
    }

    @Test func aRunEmbedsThroughTheServiceAndSearchesWithIt() async throws {
        let site = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { site.stop() }
        let service = try Self.embeddingService()
        defer { service.stop() }
        let harness = try CrawlHarness(embedders: nil)
        defer { harness.cleanUp() }
        let trawl = await harness.runtime.makeService()
        try await trawl.start()
        let (_, created) = try await trawl.createJob(JobDraft(name: "docs", config: Self.config(site: site, service: service)),
                                                     tenantID: "acme", startRun: true)
        let run = try await DocumentPipelineTests.settled(trawl, try #require(created).id)
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
        let harness = try CrawlHarness(addressPolicy: .publicOnly, embedders: nil)
        defer { harness.cleanUp() }
        let trawl = await harness.runtime.makeService()
        try await trawl.start()
        let (_, created) = try await trawl.createJob(JobDraft(name: "docs", config: Self.config(site: site, service: service)),
                                                     tenantID: "acme", startRun: true)
        let run = try await DocumentPipelineTests.settled(trawl, try #require(created).id)
        #expect(run.progress.fetched == 0 && run.progress.failed == 1)
        #expect(run.pipeline.stages[.embed]?.failed == true)
        #expect(run.pipeline.error?.contains("resolves to 127.0.0.1") == true, "\(run.pipeline.error ?? "")")
        #expect(service.requests.isEmpty)  // the embedding endpoint was never contacted
        await trawl.shutdown()
    }
}
