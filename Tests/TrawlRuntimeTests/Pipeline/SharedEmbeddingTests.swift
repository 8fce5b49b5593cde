import Foundation
import Logging
import Testing
import TrawlCore
import TrawlRuntime
import TrawlTestSupport

/// One run's chunks embedded by several processes on PostgreSQL: a process that shares runs claims batches of chunks
/// the run's pipeline (in another process) has not reached, every chunk gets one vector, the pipeline counts each
/// once, a helper that dies holding chunks delays them by its claim and loses nothing, and a holder that lost its claim
/// writes nothing.
@Suite(.serialized, .enabled(if: CrawlHarness.onPostgres))
struct SharedEmbeddingTests {
    /// A home page linking twelve pages of distinct words: one chunk each.
    static var pages: [String: FixtureResponse] {
        let topics = ["anchovy", "barnacle", "cuttlefish", "dolphin", "eelgrass", "flounder", "grouper", "halibut",
                      "isopod", "jellyfish", "krill", "lamprey"]
        var pages: [String: FixtureResponse] = [
            "/": DocumentPipelineTests.page("Sea life", "<p>An index of animals.</p>",
                                            links: topics.map { "<a href=/\($0)>\($0)</a>" }.joined(separator: " ")),
        ]
        for topic in topics {
            pages["/\(topic)"] = DocumentPipelineTests.page(
                "The \(topic)", "<p>All about the \(topic): where the \(topic) lives and what the \(topic) eats.</p>")
        }
        return pages
    }

    /// A lead embedding two chunks per batch, with its model held: its first batch waits until the test lets it go.
    static func lead(_ server: FixtureServer) async throws -> (CrawlHarness, TrawlService, WordHashEmbedders, Run) {
        let models = WordHashEmbedders()
        models.embedder.hold()
        let harness = try await CrawlHarness(embedders: models) { $0.pipelineTuning.chunksPerEmbedding = 2 }
        let service = await harness.runtime.makeService()
        try await service.start()
        let (_, created) = try await service.createJob(JobDraft(name: "sea", config: DocumentPipelineTests.config(server)),
                                                       tenantID: "acme", startRun: true)
        let run = try await waitUntil("the run's text to be indexed") {
            try await service.run(try #require(created).id, tenantID: "acme")
        } until: { $0.status == .finished && $0.pipeline.textIndexedAt != nil }
        #expect(run.pipeline.chunks.created >= 13)
        return (harness, service, models, run)
    }

    @Test func anotherProcessEmbedsWhatThePipelineHasNotReachedAndEachChunkOnce() async throws {
        let server = try FixtureServer(site: FixtureSite(Self.pages))
        defer { server.stop() }
        let (harness, lead, leadModels, run) = try await Self.lead(server)
        defer { harness.cleanUp() }
        let created = run.pipeline.chunks.created

        // A second process sharing runs: it joins no crawl here (the run is over) but embeds the waiting chunks.
        var configuration = harness.runtime.configuration
        configuration.shareRuns = true
        configuration.recoverySweep = .milliseconds(50)
        var logger = Logger(label: "trawl-test-helper")
        logger.logLevel = .critical
        let helperModels = WordHashEmbedders()
        let other = try await TrawlRuntime.open(configuration: configuration, logger: logger, embedders: helperModels)
        let helping = await other.makeService()
        try await helping.start()
        // The pipeline holds at most one batch (two chunks): everything else is the helper's.
        _ = try await waitUntil("the helper to embed what the pipeline does not hold", within: .seconds(20)) {
            helperModels.embedder.embeddedCount
        } until: { $0 >= created - 2 }
        leadModels.embedder.release()

        let settled = try await DocumentPipelineTests.settled(lead, run.id)
        #expect(settled.pipeline.semanticReadyAt != nil)
        #expect(settled.pipeline.chunks.embedded == created)
        #expect(settled.pipeline.documents.embedded == settled.pipeline.documents.parsed)
        // One vector per chunk: what the two models embedded adds up to the chunks, none twice.
        #expect(leadModels.embedder.embeddedCount + helperModels.embedder.embeddedCount == created)
        #expect(Set(leadModels.embedder.embeddedTexts).isDisjoint(with: Set(helperModels.embedder.embeddedTexts)))

        // Both processes find a page the helper embedded: the pipeline added the vectors it counted to its index, and
        // the helper's process caught up with the store.
        let query = SearchQuery(tenantID: "acme", text: "where the lamprey lives")
        let here = try await lead.search(query, mode: .semantic).results.map(\.hit.url)
        #expect(here.first == server.url("/lamprey"))
        let there = try await waitUntil("the helper's process to find the vectors", within: .seconds(10)) {
            try await helping.search(query, mode: .semantic).results.map(\.hit.url)
        } until: { !$0.isEmpty }
        #expect(there == here)
        await helping.shutdown()
        await lead.shutdown()
    }

    @Test func chunksADeadHelperHeldWaitForItsClaimAndItsLateWriteIsRefused() async throws {
        let server = try FixtureServer(site: FixtureSite(Self.pages))
        defer { server.stop() }
        let (harness, lead, leadModels, run) = try await Self.lead(server)
        defer { harness.cleanUp() }
        let created = run.pipeline.chunks.created
        let store = try #require(harness.runtime.store as? any SharedEmbeddingStore)

        // A helper claims four chunks and dies (it never writes); its claim runs out in a second.
        let dead = UUID()
        let claimedAt = Date()
        let abandoned = try await store.claimChunks(of: run.id, holder: dead, limit: 4, now: claimedAt,
                                                    until: claimedAt.addingTimeInterval(1))
        #expect(abandoned.count == 4)
        // A live helper takes all the rest but not those.
        let helperModels = WordHashEmbedders()
        let helper = EmbeddingHelper(store: store, tuning: PipelineTuning(), logger: Logger(label: "trawl-test-helper")) {
            _ in .success(helperModels.embedder)
        }
        while await helper.step() > 0 {}
        let abandonedTexts = Set(abandoned.map(\.text))
        #expect(Set(helperModels.embedder.embeddedTexts).isDisjoint(with: abandonedTexts))

        leadModels.embedder.release()
        let settled = try await DocumentPipelineTests.settled(lead, run.id)
        #expect(Date().timeIntervalSince(claimedAt) >= 1)
        #expect(settled.pipeline.semanticReadyAt != nil)
        #expect(settled.pipeline.chunks.embedded == created)
        // The pipeline embedded the abandoned chunks once their claim ran out; nothing was embedded twice.
        #expect(abandonedTexts.isSubset(of: Set(leadModels.embedder.embeddedTexts)))
        #expect(leadModels.embedder.embeddedCount + helperModels.embedder.embeddedCount == created)

        // The dead helper comes back and writes: refused, as the chunks are another's now.
        let late = abandoned.map { (chunkID: $0.id, vector: [Float](repeating: 0.5, count: 64)) }
        #expect(try await store.saveClaimedVectors(late, model: "all-MiniLM-L6-v2", holder: dead) == 0)
        let after = try #require(try await lead.run(run.id, tenantID: "acme"))
        #expect(after.pipeline.chunks.embedded == created)
        #expect(try await store.embeddingOutstanding(of: run.id) == false)
        await lead.shutdown()
    }
}
