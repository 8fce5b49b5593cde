import Foundation
import Testing
import TrawlCore
import TrawlRuntime
import TrawlTestSupport

/// What a start-up carries on: a pipeline that began, even one whose process stopped before its first batch was written,
/// and not the pipeline of a run crawled without one (`--no-index`), which `trawl index` takes on request.
@Suite struct PipelineRecoveryTests {
    @Test func aPipelineStoppedBeforeItsFirstBatchIsCarriedOnAtTheNextStart() async throws {
        let server = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let runtime = harness.runtime
        let config = try CrawlConfig(from: DocumentPipelineTests.config(server))
        /// A run crawled to its end with no pipeline beside it.
        func crawled() async throws -> Run {
            let job = Job(tenantID: "acme", name: "docs", labels: [:], config: config, createdAt: Date(), updatedAt: Date())
            try await runtime.store.insertJob(job)
            let run = Run(job: job, createdAt: Date())
            try await runtime.store.insertRun(run)
            #expect(try await runtime.claims.claim(run.id))
            let final = await runtime.engine(for: run).run { _ in }
            await runtime.claims.release(run.id)
            #expect(final.status == .finished && final.progress.fetched > 0)
            return final
        }
        // As a process leaves a run whose pipeline had begun and was stopped while extracting its first batch.
        let began = try await crawled()
        var progress = PipelineProgress()
        progress.beganAt = Timestamp.now()
        try await runtime.store.savePipelineProgress(progress, of: began.id)
        let never = try await crawled()

        let pipelines = runtime.makePipelineManager()
        try await pipelines.recoverPipelines()
        #expect(await pipelines.isActive(began.id))
        #expect(await !pipelines.isActive(never.id))
        let indexed = try #require(await pipelines.finished(began.id))
        #expect(indexed.textIndexedAt != nil && indexed.documents.indexed > 0)
        #expect(try await runtime.store.run(never.id)?.pipeline.textIndexedAt == nil)
        await pipelines.shutdown()
    }

    @Test func aPipelineRecordsThatItBeganBeforeItsFirstBatch() async throws {
        let server = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { server.stop() }
        let (harness, service, _, created) = try await DocumentPipelineTests.start(DocumentPipelineTests.config(server))
        defer { harness.cleanUp() }
        let run = try await waitUntil("the pipeline to record that it began") {
            try await service.run(created.id, tenantID: "acme")
        } until: { $0.pipeline.beganAt != nil }
        #expect(run.pipeline.beganAt != nil)
        await service.shutdown()
    }
}
