import Foundation
import Testing
@_spi(Testing) import TrawlStore
import TrawlCore
import TrawlRuntime
import TrawlTestSupport

/// A store that stops taking writes (as on a full disk or a failing volume), and runs that must still tell the
/// truth.
@Suite struct StoreFailureTests {
    private func config(_ site: FixtureServer) -> ConfigValue {
        [
            "seeds": [["kind": "static_list", "params": ["urls": [.string(site.url("/"))]]]],
            "policies": [["kind": "robots_txt", "params": ["obey": false]]],
            "speed": ["kind": "fixed", "params": ["concurrency": 2, "per_host_concurrency": 2, "delay": "0s",
                                                  "delay_factor": 0]],
            "pipelines": [["kind": "markdown"], ["kind": "chunk"]],
        ]
    }

    /// A tree of fan-out 4 whose pages drip in, so that a run is still crawling when the test takes the store away.
    private static func drippingTree(depth: Int) throws -> FixtureServer {
        try FixtureServer(handler: { request in
            var response = Sites.tree(depth: depth, fanout: 4)(request)
            response.behavior = .drip(bytesPerChunk: 256, interval: .milliseconds(10))
            return response
        })
    }

    /// The run ends with `error.code: store_failed` instead of saying `running` forever; its pipeline (which
    /// waits for the crawl to end) ends too; and once space comes back the store is told.
    /// SQLite only: it takes the store away with `SQLiteStore.refuseWrites`, which PostgreSQL has no twin of.
    @Test(.enabled(if: !CrawlHarness.onPostgres))
    func aFullStoreEndsTheRunWithAnErrorAndIsToldLater() async throws {
        let site = try Self.drippingTree(depth: 4)
        defer { site.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let service = await harness.runtime.makeService()
        try await service.start()
        let (_, created) = try await service.createJob(JobDraft(name: "full", config: config(site)), tenantID: "acme",
                                                       startRun: true)
        let id = try #require(created).id
        _ = try await waitUntil("some pages to be stored") { try await service.run(id, tenantID: "acme") }
            until: { $0.progress.fetched >= 3 }

        let store = try #require(harness.runtime.store as? SQLiteStore)
        try await store.refuseWrites(true)
        let ended = try await waitUntil("the run to end on the store failure", within: .seconds(30)) {
            try await service.run(id, tenantID: "acme")
        } until: { $0.status == .finished }
        #expect(ended.error?.code == "store_failed", "\(String(describing: ended.error))")
        #expect(ended.stopReason == .unknown)
        // Underneath, the store could not be told: it is the run manager that keeps the truth meanwhile, and the claim,
        // so that no other process resumes the run the store still calls running.
        #expect(try await store.run(id)?.status == .running)
        #expect(await harness.runtime.claims.holds(id))
        #expect(try await service.listRuns(RunQuery(tenantID: "acme")).first?.error?.code == "store_failed")
        // Nor is it listed among running runs, where the store's row would put it.
        var running = RunQuery(tenantID: "acme")
        running.statuses = [.running]
        #expect(try await service.listRuns(running).isEmpty)
        // The pipeline, which waits for the crawl to be over, hears it although the store cannot say it.
        _ = try await waitUntil("the pipeline to end", within: .seconds(15)) { await service.pipelines.isActive(id) }
            until: { !$0 }

        try await store.refuseWrites(false)
        let stored = try await waitUntil("the final state to be written once there is room", within: .seconds(15)) {
            try await store.run(id)
        } until: { $0?.status == .finished }
        #expect(stored?.error?.code == "store_failed")
        _ = try await waitUntil("the claim to be given back") { await harness.runtime.claims.holds(id) } until: { !$0 }
        await service.shutdown()
    }

    /// A run suspended (the server stopping) whose last batch the store refuses is still `running` underneath, which
    /// is what a suspended run is: it resumes from what was written. Before, it left the engine `finished` with
    /// `store_failed`, and the run manager wrote that over the run once the store came back (over another process's
    /// run, had one claimed it meanwhile). The engine is driven directly, with no flush due before the suspend (a
    /// flush refused first would end the run `store_failed`, rightly, which is another test's case).
    @Test(.enabled(if: !CrawlHarness.onPostgres))
    func aSuspendWhoseLastWriteFailsLeavesTheRunToResume() async throws {
        let site = try Self.drippingTree(depth: 3)
        defer { site.stop() }
        let harness = try await CrawlHarness { $0.tuning.flushInterval = .seconds(600) }
        defer { harness.cleanUp() }
        let manifest = Manifest(name: "suspended", config: try CrawlConfig(from: config(site)))
        let (_, run) = try await harness.runtime.createJobAndRun(manifest, tenantID: "acme")
        let engine = harness.runtime.engine(for: run)
        let crawl = Task { await engine.run() }
        _ = try await waitUntil("some pages to be fetched") { site.requests.count } until: { $0 >= 4 }
        let store = try #require(harness.runtime.store as? SQLiteStore)
        try await store.refuseWrites(true)
        engine.suspend()
        let suspended = await crawl.value
        try await store.refuseWrites(false)
        #expect(suspended.status == .running && suspended.error == nil, "\(suspended.status) \(String(describing: suspended.error))")
        #expect(try await store.run(run.id)?.status == .running)
        // Resumed from what was written (the seeds), it crawls the site to its end.
        let service = await harness.runtime.makeService()
        try await service.start()
        let finished = try await waitUntil("the resumed run to finish", within: .seconds(60)) {
            try await service.run(run.id, tenantID: "acme")
        } until: { $0.status == .finished }
        #expect(finished.error == nil && finished.stopReason != .unknown, "\(String(describing: finished.error))")
        #expect(finished.progress.fetched == Sites.treeSize(depth: 3, fanout: 4))
        await service.shutdown()
    }

    /// A run that cannot start because the store refuses writes, and whose final state cannot be written either, ends
    /// `store_failed` (naming how it ended): that code is what makes the run manager hold it and write it again. Before,
    /// the start's own error hid it, and the store went on saying `running` with nothing executing the run.
    @Test(.enabled(if: !CrawlHarness.onPostgres))
    func aStartThatFailsOnTheStoreEndsStoreFailed() async throws {
        let site = try FixtureServer(handler: Sites.tree(depth: 1, fanout: 2))
        defer { site.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let manifest = Manifest(name: "refused", config: try CrawlConfig(from: config(site)))
        let (_, run) = try await harness.runtime.createJobAndRun(manifest, tenantID: "acme")
        let store = try #require(harness.runtime.store as? SQLiteStore)
        try await store.refuseWrites(true)
        let ended = await harness.runtime.engine(for: run).run()
        try await store.refuseWrites(false)
        #expect(ended.status == .finished && ended.stopReason == .unknown)
        #expect(ended.error?.code == "store_failed", "\(String(describing: ended.error))")
        #expect(ended.error?.message.contains("start_failed") == true)
    }

    /// A crash between "running" and the first frontier write (sitemap seeds can take a while to resolve) left a
    /// run with no frontier, which then ended `empty_seed` having fetched nothing. It seeds again instead.
    @Test func aRunCutOffWhileSeedingSeedsAgainOnRestart() async throws {
        let site = try FixtureServer(handler: Sites.tree(depth: 1, fanout: 3))
        defer { site.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let manifest = Manifest(name: "seeding", config: try CrawlConfig(from: config(site)))
        var (_, run) = try await harness.runtime.createJobAndRun(manifest, tenantID: "acme")
        // What the crashed process left: the run marked running, and no frontier row.
        run.status = .running
        run.startedAt = Date()
        try await harness.runtime.store.updateRun(run)

        let service = await harness.runtime.makeService()
        try await service.start()
        let finished = try await waitUntil("the resumed run to finish") { try await service.run(run.id, tenantID: "acme") }
            until: { $0.status == .finished }
        #expect(finished.stopReason != .emptySeed)
        #expect(finished.progress.fetched == Sites.treeSize(depth: 1, fanout: 3))
        await service.shutdown()
    }
}
