import Foundation
import Logging
import Synchronization
import Testing
import TrawlCore
import TrawlRuntime

/// The scheduler's loop against a store that fails: it must back off rather than spin, keep the store's words out of
/// what tenants read, and record the firing once the store takes writes again. A scripted `TriggerFiringStore` and
/// `ScheduledRunStarting` (both seams are ours) stand in for the database and the run manager.
@Suite struct TriggerSchedulerBackoffTests {
    /// One `on_finish` trigger, due since a minute ago until a firing is recorded.
    final class FailingStore: TriggerFiringStore, @unchecked Sendable {
        private let state = Mutex<(failRecords: Bool, failReads: Bool, reads: Int, records: [TriggerExecution])>(
            (true, false, 0, []))
        let trigger = Trigger(tenantID: "acme", jobID: JobID(), name: "next", condition: .onFinish(delay: .zero, watchedJobID: nil),
                              enabled: true, nextFireAt: Date().addingTimeInterval(-60), createdAt: Date(), updatedAt: Date())

        var reads: Int { state.withLock { $0.reads } }
        var records: [TriggerExecution] { state.withLock { $0.records } }
        func heal() { state.withLock { $0.failRecords = false; $0.failReads = false } }
        func failReads() { state.withLock { $0.failReads = true } }

        func triggers(matching query: TriggerQuery) async throws(StoreError) -> [Trigger] { [] }

        func dueTriggers(at date: Date) async throws(StoreError) -> [Trigger] {
            let (failing, due) = state.withLock { state in
                state.reads += 1
                return (state.failReads, state.records.isEmpty)
            }
            if failing { throw StoreError(.io, "disk I/O error at /srv/secret/trawl.db") }
            return due ? [trigger] : []
        }

        func nextDueTime() async throws(StoreError) -> Date? {
            state.withLock { $0.records.isEmpty } ? trigger.nextFireAt : nil
        }

        func arm(_ id: TriggerID, dueAt date: Date) async throws(StoreError) {}

        func record(_ execution: TriggerExecution, firing trigger: Trigger) async throws(StoreError) {
            let failing = state.withLock { state in
                if !state.failRecords { state.records.append(execution) }
                return state.failRecords
            }
            if failing { throw StoreError(.io, "database or disk is full") }
        }
    }

    /// Counts starts; fails them with a store message a tenant must not see when told to.
    final class CountingStarter: ScheduledRunStarting, @unchecked Sendable {
        private let state = Mutex<(starts: Int, fail: Bool)>((0, false))
        var starts: Int { state.withLock { $0.starts } }
        func failStarts() { state.withLock { $0.fail = true } }

        func startScheduled(jobID: JobID, tenantID: String, runID: RunID) async throws(StoreError) -> ScheduledStart {
            let fail = state.withLock { state in
                state.starts += 1
                return state.fail
            }
            if fail { throw StoreError(.conflict, "CHECK constraint failed: runs_tenant_secret_column") }
            return .started(runID)
        }
    }

    /// With the execution's write failing, the due trigger stays due: without a back-off the loop fired it again at
    /// once, thousands of times a second. It retries after 200 ms, then 400 ms, so a third attempt comes no sooner than
    /// 600 ms after the first (a bound a slow machine can only exceed); once the store heals, the firing is recorded.
    @Test func aStoreRefusingWritesIsRetriedWithBackOff() async throws {
        let store = FailingStore()
        let starter = CountingStarter()
        let scheduler = TriggerScheduler(store: store, starter: starter, logger: Logger(label: "test"),
                                         retryFloor: .milliseconds(200))
        let began = ContinuousClock.now
        await scheduler.start()
        _ = try await waitUntil("three attempts", { starter.starts }, until: { $0 >= 3 })
        let elapsed = ContinuousClock.now - began
        #expect(elapsed >= .milliseconds(600), "three attempts in \(elapsed)")
        #expect(store.records.isEmpty)
        store.heal()
        await scheduler.wake()
        try await waitUntil("the firing recorded", { store.records }, until: { !$0.isEmpty })
        #expect(store.records.map(\.status) == [.started])
        await scheduler.stop()
    }

    /// Reads that fail back off too: `dueTriggers` is what the loop calls first in every round.
    @Test func aStoreRefusingReadsIsRetriedWithBackOff() async throws {
        let store = FailingStore()
        store.failReads()
        let scheduler = TriggerScheduler(store: store, starter: CountingStarter(), logger: Logger(label: "test"),
                                         retryFloor: .milliseconds(200))
        let began = ContinuousClock.now
        await scheduler.start()
        _ = try await waitUntil("three reads", { store.reads }, until: { $0 >= 3 })
        let elapsed = ContinuousClock.now - began
        await scheduler.stop()
        #expect(elapsed >= .milliseconds(600), "three reads in \(elapsed)")
    }

    /// A store error while starting the run is recorded as a failed execution whose reason says the store failed,
    /// without the database's own words, which name tables, constraints and paths of the operator's.
    @Test func aStoreErrorIsNotReflectedInTheExecution() async throws {
        let store = FailingStore()
        store.heal()
        let starter = CountingStarter()
        starter.failStarts()
        let scheduler = TriggerScheduler(store: store, starter: starter, logger: Logger(label: "test"))
        await scheduler.start()
        try await waitUntil("the failure recorded", { store.records }, until: { !$0.isEmpty })
        await scheduler.stop()
        let execution = try #require(store.records.first)
        #expect(execution.status == .failed && execution.runID == nil)
        let reason = execution.reason ?? ""
        #expect(reason.contains("store failed") && !reason.contains("constraint") && !reason.contains("runs_"), "\(reason)")
    }
}
