import Foundation
import Logging
import Testing
import TrawlCore
import TrawlRuntime
import TrawlTestSupport

/// Two runtimes on one store, as two servers on one database: the vectors one embeds are found by the other's
/// semantic search, which holds its vectors in memory and catches up with the store before searching.
struct SharedStoreSearchTests {
    @Test func vectorsEmbeddedByAnotherProcessAreSearchable() async throws {
        let server = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { server.stop() }
        let embedders = WordHashEmbedders()
        // The second runtime starts first, so its start-up load finds nothing of the run.
        let harness = try await CrawlHarness(embedders: embedders)
        defer { harness.cleanUp() }
        var logger = Logger(label: "trawl-test-second")
        logger.logLevel = .critical
        let other = try await TrawlRuntime.open(configuration: harness.runtime.configuration, logger: logger,
                                                embedders: embedders)
        let searching = await other.makeService()
        try await searching.start()

        let embedding = await harness.runtime.makeService()
        try await embedding.start()
        let (_, created) = try await embedding.createJob(JobDraft(name: "docs", config: DocumentPipelineTests.config(server)),
                                                         tenantID: "acme", startRun: true)
        let run = try await DocumentPipelineTests.settled(embedding, try #require(created).id)
        #expect(run.pipeline.chunks.embedded > 0)

        let query = SearchQuery(tenantID: "acme", text: "reference option")
        let here = try await embedding.search(query, mode: .semantic).results.map(\.hit.chunkID)
        #expect(!here.isEmpty)
        // The other process embedded nothing of this run, yet answers the same.
        let there = try await waitUntil("the other runtime to find the vectors", within: .seconds(10)) {
            try await searching.search(query, mode: .semantic).results.map(\.hit.chunkID)
        } until: { !$0.isEmpty }
        #expect(there == here)
        await embedding.shutdown()
        await searching.shutdown()
    }
}
