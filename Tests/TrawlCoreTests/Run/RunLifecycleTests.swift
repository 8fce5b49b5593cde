import Foundation
import Testing
@testable import TrawlCore

@Suite struct RunLifecycleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func run(_ status: RunStatus) -> Run {
        let job = Job(tenantID: "t", name: "j", labels: [:], config: CrawlConfig(seeds: [.staticList(urls: ["http://a.test/"])]),
                      createdAt: now, updatedAt: now)
        var run = Run(job: job, createdAt: now)
        run.status = status
        return run
    }

    @Test func startPauseResumeFinish() throws {
        guard case .changed(let running) = try RunLifecycle.apply(.start, to: run(.pending), at: now) else {
            Issue.record("start should change a pending run"); return
        }
        #expect(running.status == .running && running.startedAt == now)
        guard case .changed(let paused) = try RunLifecycle.apply(.pause, to: running, at: now) else { return }
        #expect(paused.status == .paused && paused.pausedAt == now)
        guard case .changed(let resumed) = try RunLifecycle.apply(.resume, to: paused, at: now) else { return }
        #expect(resumed.status == .running && resumed.pausedAt == nil)
        guard case .changed(let done) = try RunLifecycle.apply(.finish(.manual), to: resumed, at: now) else { return }
        #expect(done.status == .finished && done.stopReason == .manual && done.finishedAt == now)
    }

    @Test func transitionsThatAlreadyHoldChangeNothing() throws {
        #expect(try RunLifecycle.apply(.pause, to: run(.paused), at: now) == .unchanged)
        #expect(try RunLifecycle.apply(.resume, to: run(.running), at: now) == .unchanged)
        #expect(try RunLifecycle.apply(.finish(.maxURLs), to: run(.finished), at: now) == .unchanged)
    }

    @Test func theFirstStopReasonIsNeverOverwritten() throws {
        var finished = run(.finished)
        finished.stopReason = .maxDepth
        #expect(try RunLifecycle.apply(.finish(.manual), to: finished, at: now) == .unchanged)
    }

    @Test func impossibleTransitionsThrow() {
        #expect(throws: RunLifecycle.InvalidTransition.self) { try RunLifecycle.apply(.pause, to: run(.finished), at: now) }
        #expect(throws: RunLifecycle.InvalidTransition.self) { try RunLifecycle.apply(.resume, to: run(.pending), at: now) }
        #expect(throws: RunLifecycle.InvalidTransition.self) { try RunLifecycle.apply(.pause, to: run(.pending), at: now) }
    }

    @Test func stoppingAPendingRunFinishesIt() throws {
        guard case .changed(let done) = try RunLifecycle.apply(.finish(.manual), to: run(.pending), at: now) else {
            Issue.record("stop should finish a pending run"); return
        }
        #expect(done.status == .finished && done.stopReason == .manual && done.finishedAt == now)
        #expect(done.startedAt == nil)  // it never ran
    }
}
