import Foundation
import Logging
import Testing
import TrawlCore
import TrawlRuntime
import TrawlTestSupport

/// A pipeline left unfinished by a process that went away is carried on by another process's sweep, not only at the
/// next start of some server: the run's documents get their vectors while every process keeps running.
@Suite(.serialized) struct PipelineSweepTests {
    @Test func anotherProcessCarriesOnAPipelineItsProcessLeftUnfinished() async throws {
        let server = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { server.stop() }
        // The process that goes away: its embedding service is down, and it keeps retrying.
        let downModels = WordHashEmbedders()
        downModels.embedder.fail(with: EmbedError(.unavailable, "the service is down"))
        let harness = try await CrawlHarness(embedders: downModels) { configuration in
            configuration.pipelineTuning.embedAttempts = 10_000
            configuration.pipelineTuning.retryBaseDelay = .milliseconds(50)
            configuration.pipelineTuning.maxRetryDelay = .milliseconds(50)
            configuration.recoverySweep = .milliseconds(100)
        }
        defer { harness.cleanUp() }
        let leaving = await harness.runtime.makeService()
        try await leaving.start()
        let (_, created) = try await leaving.createJob(JobDraft(name: "docs", config: DocumentPipelineTests.config(server)),
                                                       tenantID: "acme", startRun: true)
        let runID = try #require(created).id
        // Held by the leaving process before the other one starts: two processes that both execute runs race for a
        // pending one, and the staying process must not be the one that crawls it.
        _ = try await waitUntil("the leaving process to hold the run") {
            try await leaving.run(runID, tenantID: "acme")
        } until: { $0.status != .pending }

        // The process that stays: its start-up recovery finds nothing to do, as the run is held.
        var logger = Logger(label: "trawl-test-sweeper")
        logger.logLevel = .critical
        let upModels = WordHashEmbedders()
        let other = try await TrawlRuntime.open(configuration: harness.runtime.configuration, logger: logger,
                                                embedders: upModels)
        let staying = await other.makeService()
        try await staying.start()

        // Crawled and indexed for text; embedding stuck on the outage.
        let stuck = try await waitUntil("the run's text to be indexed while embedding waits") {
            try await leaving.run(runID, tenantID: "acme")
        } until: { $0.status == .finished && $0.pipeline.textIndexedAt != nil && $0.pipeline.stages[.embed]?.startedAt != nil }
        #expect(stuck.pipeline.semanticReadyAt == nil)
        #expect(upModels.embedder.embeddedCount == 0)
        await leaving.shutdown()

        // The staying process's sweep takes the pipeline over and embeds the run.
        let done = try await waitUntil("the other process to finish the pipeline", within: .seconds(20)) {
            try await staying.run(runID, tenantID: "acme")
        } until: { $0.pipeline.semanticReadyAt != nil }
        #expect(done.pipeline.chunks.embedded == done.pipeline.chunks.created)
        #expect(upModels.embedder.embeddedCount > 0)
        await staying.shutdown()
    }
}
