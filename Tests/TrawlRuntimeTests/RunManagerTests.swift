import Foundation
import Testing
import TrawlCore
import TrawlRuntime
import TrawlTestSupport

/// Run control: the global cap, pause/resume/stop through the manager, and recovery in a new process.
@Suite struct RunManagerTests {
    /// Pages that take a while, linking on for ever: runs stay busy until told otherwise.
    static func slowServer() throws -> FixtureServer {
        try FixtureServer { request in
            let n = Int(request.path.dropFirst(3)) ?? 0
            var response = FixtureResponse.html("<a href=/p/\(n + 1)>next</a><a href=/p/\(n + 2)>skip</a>")
            response.behavior = .drip(bytesPerChunk: 16, interval: .milliseconds(15))
            return response
        }
    }

    func waitFor(_ harness: CrawlHarness, _ id: RunID, _ condition: (Run) -> Bool) async throws -> Run {
        let run = try await waitUntil("run \(id) to reach the expected state") {
            try await harness.runtime.store.run(id)
        } until: { $0.map(condition) ?? false }
        return try #require(run)
    }

    /// A runtime with one run slot, its manager, and two runs of `server`'s site not yet submitted.
    static func twoRunsForOneSlot(_ server: FixtureServer) async throws -> (CrawlHarness, RunManager, Run, Run) {
        let harness = try await CrawlHarness(maxConcurrentRuns: 1)
        let first = try await harness.createRun(CrawlHarness.manifest(seeds: [server.url("/")]))
        let second = try await harness.createRun(CrawlHarness.manifest(seeds: [server.url("/")]))
        return (harness, harness.runtime.makeRunManager(), first, second)
    }

    @Test func excessRunsWaitAsPendingAndStartWhenASlotFrees() async throws {
        let server = try Self.slowServer()
        defer { server.stop() }
        let (harness, manager, first, second) = try await Self.twoRunsForOneSlot(server)
        defer { harness.cleanUp() }
        await manager.submit(first)
        await manager.submit(second)
        _ = try await waitFor(harness, first.id) { $0.status == .running }
        #expect(await manager.queued == [second.id])
        #expect(try await harness.runtime.store.run(second.id)?.status == .pending)

        let stopped = try await manager.stop(first.id, tenantID: "default")
        #expect(stopped.status == .finished && stopped.stopReason == .manual)
        let started = try await waitFor(harness, second.id) { $0.status == .running }
        #expect(started.startedAt != nil)
        _ = try await manager.stop(second.id, tenantID: "default")
    }

    /// A freed slot goes to the tenant with the fewest runs executing, not to whichever run queued first: one tenant's
    /// backlog must not hold every other tenant's runs back.
    @Test func aFreedSlotGoesToTheTenantWithTheFewestRunsExecuting() async throws {
        let server = try Self.slowServer()
        defer { server.stop() }
        let harness = try await CrawlHarness(maxConcurrentRuns: 2)
        defer { harness.cleanUp() }
        let manifest = try ManifestLoader.parse(CrawlHarness.manifest(seeds: [server.url("/")]), format: .yaml)
        var acme: [Run] = []
        for _ in 0..<3 { acme.append(try await harness.runtime.createJobAndRun(manifest, tenantID: "acme").1) }
        let globex = try await harness.runtime.createJobAndRun(manifest, tenantID: "globex").1
        let manager = harness.runtime.makeRunManager()
        for run in acme + [globex] { await manager.submit(run) }
        for run in acme.prefix(2) { _ = try await waitFor(harness, run.id) { $0.status == .running } }
        #expect(await manager.queued == [acme[2].id, globex.id])
        _ = try await manager.stop(acme[0].id, tenantID: "acme")
        // acme still has one run executing, globex none: globex's run goes first, though acme's third queued earlier.
        _ = try await waitFor(harness, globex.id) { $0.status == .running }
        #expect(await manager.queued == [acme[2].id])
        #expect(try await harness.runtime.store.run(acme[2].id)?.status == .pending)
        for run in [acme[1], acme[2]] { _ = try await manager.stop(run.id, tenantID: "acme") }
        _ = try await manager.stop(globex.id, tenantID: "globex")
    }

    @Test func resumingWhileEverySlotIsTakenIsRefusedAndLeavesTheRunPaused() async throws {
        let server = try Self.slowServer()
        defer { server.stop() }
        let (harness, manager, first, second) = try await Self.twoRunsForOneSlot(server)
        defer { harness.cleanUp() }
        await manager.submit(first)
        _ = try await waitFor(harness, first.id) { $0.status == .running }
        #expect(try await manager.pause(first.id, tenantID: "default").status == .paused)
        // The paused run gave its slot up; the second takes it.
        await manager.submit(second)
        _ = try await waitFor(harness, second.id) { $0.status == .running }
        await #expect(throws: RunControlError.atCapacity(1)) { try await manager.resume(first.id, tenantID: "default") }
        #expect(try await harness.runtime.store.run(first.id)?.status == .paused)
        _ = try await manager.stop(second.id, tenantID: "default")
        #expect(try await manager.resume(first.id, tenantID: "default").status == .running)
        _ = try await manager.stop(first.id, tenantID: "default")
    }

    @Test func pauseResumeAndStopAreVisibleAtOnceAndIdempotent() async throws {
        let server = try Self.slowServer()
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let manager = harness.runtime.makeRunManager()
        let run = try await harness.createRun(CrawlHarness.manifest(seeds: [server.url("/")]))
        await manager.submit(run)
        _ = try await waitFor(harness, run.id) { $0.progress.fetched >= 2 }

        let paused = try await manager.pause(run.id, tenantID: "default")
        #expect(paused.status == .paused && paused.pausedAt != nil)
        #expect(try await harness.runtime.store.run(run.id)?.status == .paused)
        #expect(try await manager.pause(run.id, tenantID: "default").status == .paused)
        let fetchedWhilePaused = paused.progress.fetched

        let resumed = try await manager.resume(run.id, tenantID: "default")
        #expect(resumed.status == .running)
        #expect(try await harness.runtime.store.run(run.id)?.status == .running)
        #expect(try await manager.resume(run.id, tenantID: "default").status == .running)
        let progressed = try await waitFor(harness, run.id) { $0.progress.fetched > fetchedWhilePaused }
        #expect(progressed.status == .running)

        let stopped = try await manager.stop(run.id, tenantID: "default")
        #expect(stopped.stopReason == .manual)
        #expect(try await manager.stop(run.id, tenantID: "default").stopReason == .manual)
        await #expect(throws: RunControlError.self) { try await manager.pause(run.id, tenantID: "default") }
        await #expect(throws: RunControlError.self) { try await manager.resume(run.id, tenantID: "default") }
    }

    /// `attempts` times, each on a new run of a site that links on for ever: `prepare` the run, call `rival` and,
    /// `stagger` × the attempt's number later, stop the run. Checks that the stop won every time: its answer and the
    /// store say `finished` by `manual`, still do a moment later (an engine left crawling would have written `running`
    /// again), and no engine runs. The stagger spans none to a few store round trips, so that the stop's read lands
    /// before, during and after the rival's work.
    func expectStopsWin(attempts: Int, stagger: Duration,
                        prepare: (RunManager, CrawlHarness, Run) async throws -> Void = { _, _, _ in },
                        rival: @escaping @Sendable (RunManager, Run) async -> Void) async throws {
        let server = try Self.slowServer()
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let manager = harness.runtime.makeRunManager()
        for attempt in 0..<attempts {
            let run = try await harness.createRun(CrawlHarness.manifest(seeds: [server.url("/")]))
            try await prepare(manager, harness, run)
            async let raced: Void = rival(manager, run)
            try await Task.sleep(for: stagger * attempt)
            let stopped = try await manager.stop(run.id, tenantID: "default")
            await raced
            #expect(stopped.status == .finished && stopped.stopReason == .manual, "attempt \(attempt)")
            try await Task.sleep(for: .milliseconds(150))
            let stored = try #require(try await harness.runtime.store.run(run.id))
            #expect(stored.status == .finished && stored.stopReason == .manual,
                    "attempt \(attempt): the run is \(stored.status.rawValue) after its stop")
            #expect(await manager.runningCount == 0, "attempt \(attempt): an engine crawls on")
        }
        await manager.shutdown()
    }

    /// A stop sent while the run is being launched wins, however the two interleave, rather than being written over a
    /// stale read while the engine crawls on.
    @Test func aStopRacingTheLaunchAlwaysEndsTheRun() async throws {
        try await expectStopsWin(attempts: 24, stagger: .microseconds(250)) { manager, run in await manager.submit(run) }
    }

    /// A stop racing a resume ends the run: the resume does not launch an engine over the stop's `finished`, and the
    /// stop does not write `finished` over an engine the resume launched.
    @Test func aStopRacingAResumeAlwaysEndsTheRun() async throws {
        try await expectStopsWin(attempts: 12, stagger: .microseconds(300), prepare: { manager, harness, run in
            await manager.submit(run)
            _ = try await waitFor(harness, run.id) { $0.status == .running }
            _ = try await manager.pause(run.id, tenantID: "default")
        }, rival: { manager, run in _ = try? await manager.resume(run.id, tenantID: "default") })
    }

    /// A stop that reaches the engine while a pause is ending it still ends the run, rather than answering with the
    /// paused run the engine returns.
    @Test func aStopRacingAPauseAlwaysEndsTheRun() async throws {
        try await expectStopsWin(attempts: 12, stagger: .microseconds(300), prepare: { manager, harness, run in
            await manager.submit(run)
            _ = try await waitFor(harness, run.id) { $0.progress.fetched >= 1 }
        }, rival: { manager, run in _ = try? await manager.pause(run.id, tenantID: "default") })
    }

    /// A run the sweep finds pending while the client's start submits it is launched once: two engines would crawl
    /// it twice over, every page stored twice (seen once on PostgreSQL as every document of a re-crawl counted twice).
    @Test func aRunSubmittedWhileTheSweepLaunchesItGetsOneEngine() async throws {
        let server = try FixtureServer(handler: Sites.tree(depth: 1, fanout: 3))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let manager = harness.runtime.makeRunManager()
        for attempt in 0..<16 {
            let before = server.requests.count
            let run = try await harness.createRun(CrawlHarness.manifest(seeds: [server.url("/")]))
            async let swept: Int = (try? manager.recover()) ?? 0
            try await Task.sleep(for: .microseconds(attempt * 250))
            await manager.submit(run)
            _ = await swept
            let done = try #require(await manager.finished(run.id))
            #expect(done.status == .finished, "attempt \(attempt)")
            let targets = server.requests.dropFirst(before).map(\.target).filter { $0 != "/robots.txt" }
            #expect(targets.count == Sites.treeSize(depth: 1, fanout: 3) && Set(targets).count == targets.count,
                    "attempt \(attempt): \(targets.sorted())")
            let urls = try await harness.pages(done).map(\.page.url)
            #expect(Set(urls).count == urls.count, "attempt \(attempt): pages stored twice")
        }
    }

    @Test func otherTenantsRunsAreNotFound() async throws {
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let manager = harness.runtime.makeRunManager()
        let run = try await harness.createRun(CrawlHarness.manifest(seeds: ["http://127.0.0.1:9/"]))
        await #expect(throws: RunControlError.notFound(run.id)) { try await manager.stop(run.id, tenantID: "acme") }
        // A pending run that never started can be stopped.
        #expect(try await manager.stop(run.id, tenantID: "default").status == .finished)
    }

    @Test func aNewProcessResumesRunsLeftRunningAndKeepsPausedOnesPaused() async throws {
        let server = try FixtureServer(handler: Sites.tree(depth: 3, fanout: 3))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let slow = CrawlHarness.manifest(seeds: [server.url("/")])
            .replacingOccurrences(of: "concurrency: 16, per_host_concurrency: 8", with: "concurrency: 1, per_host_concurrency: 1")
            .replacingOccurrences(of: "delay: 0s", with: "delay: 100ms")
        // The run left running is slower still: on a loaded machine (a PostgreSQL test pass) pausing the other one
        // once took long enough for a 100 ms-per-page run of 40 pages to finish before the shutdown.
        let slower = slow.replacingOccurrences(of: "delay: 100ms", with: "delay: 400ms")
        let first = harness.runtime.makeRunManager()
        let running = try await harness.createRun(slower)
        // The paused run crawls a site of its own: the request counts below are the resumed run's alone.
        let otherSite = try FixtureServer(handler: Sites.tree(depth: 3, fanout: 3))
        defer { otherSite.stop() }
        let paused = try await harness.createRun(slow.replacingOccurrences(of: server.url("/"), with: otherSite.url("/")))
        await first.submit(running)
        await first.submit(paused)
        _ = try await waitFor(harness, paused.id) { $0.progress.fetched >= 1 }
        _ = try await first.pause(paused.id, tenantID: "default")
        _ = try await waitFor(harness, running.id) { $0.progress.fetched >= 2 }
        await first.shutdown()
        let suspended = try #require(try await harness.runtime.store.run(running.id))
        #expect(suspended.status == .running)

        // The "next process": a fresh manager over the same store.
        let second = harness.runtime.makeRunManager()
        #expect(try await second.recover() == 1)
        let done = try #require(await second.finished(running.id))
        #expect(done.stopReason == .maxEmptyEvaluations)
        #expect(done.progress.fetched == Sites.treeSize(depth: 3, fanout: 3))
        #expect(try await harness.runtime.store.run(paused.id)?.status == .paused)
        let counts = Dictionary(grouping: server.requests.filter { $0.path != "/robots.txt" }, by: \.target).mapValues(\.count)
        #expect(counts.values.allSatisfy { $0 <= 2 })
    }
}
