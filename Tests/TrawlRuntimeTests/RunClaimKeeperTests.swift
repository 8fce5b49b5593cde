import Foundation
import Logging
import Synchronization
import Testing
import TrawlCore
import TrawlRuntime

/// The keeper's bookkeeping against a store whose calls take their time: a claim taken while the last holder's release
/// is on its way must still be held in the store afterwards, and a renewal that saw the old claim released must not
/// report the new one lost. A scripted `RunClaims` (the seam is ours) holds each call where the test says.
@Suite struct RunClaimKeeperTests {
    /// One run's claim, with gates the test opens to let a release or a renewal go on.
    final class ScriptedClaims: RunClaims, @unchecked Sendable {
        private let state = Mutex<(executor: String?, releaseDelay: Duration, renewGates: [Gate])>((nil, .zero, []))

        /// A point a call waits at until the test opens it, and tells the test it got there.
        final class Gate: Sendable {
            let reached = AsyncStream<Void>.makeStream()
            let opened = AsyncStream<Void>.makeStream()

            func pass() async {
                reached.continuation.yield()
                for await _ in opened.stream { return }
            }

            func open() { opened.continuation.yield() }

            func waitUntilReached() async {
                for await _ in reached.stream { return }
            }
        }

        var executor: String? { state.withLock { $0.executor } }
        func setExecutor(_ executor: String?) { state.withLock { $0.executor = executor } }
        func delayReleases(by delay: Duration) { state.withLock { $0.releaseDelay = delay } }

        /// Holds the next renewal twice: before it reads who holds the run, and after, before it answers.
        func holdNextRenewal() -> (before: Gate, after: Gate) {
            let gates = (Gate(), Gate())
            state.withLock { $0.renewGates = [gates.0, gates.1] }
            return gates
        }

        func claimRun(_ id: RunID, executor: String, now: Date, until: Date) async throws(StoreError) -> Bool {
            state.withLock { state in
                guard state.executor == nil || state.executor == executor else { return false }
                state.executor = executor
                return true
            }
        }

        func renewClaims(_ ids: [RunID], executor: String, until: Date) async throws(StoreError) -> ClaimRenewal {
            let gates = state.withLock { state in
                defer { state.renewGates = [] }
                return state.renewGates
            }
            if let before = gates.first { await before.pass() }
            let held = state.withLock { $0.executor == executor }
            if let after = gates.last { await after.pass() }
            return ClaimRenewal(lost: held ? [] : Set(ids))
        }

        func writeFinalState(_ run: Run, claimedBy executor: String) async throws(StoreError) -> Bool {
            state.withLock { $0.executor == executor }
        }

        func releaseRun(_ id: RunID, executor: String) async throws(StoreError) {
            let delay = state.withLock { $0.releaseDelay }
            if delay > .zero { try? await Task.sleep(for: delay) }
            state.withLock { state in
                if state.executor == executor { state.executor = nil }
            }
        }

        func requestControl(_ request: RunControlRequest, of id: RunID, now: Date) async throws(StoreError) -> Bool { false }
        func claimableRuns(withStatus statuses: [RunStatus], executor: String, now: Date) async throws(StoreError) -> [Run] { [] }
        func runsWithUnfinishedPipelines(executor: String, now: Date, limit: Int) async throws(StoreError) -> [Run] { [] }
    }

    /// Counts the claims the keeper reports lost.
    final class Losses: Sendable {
        private let ids = Mutex<[RunID]>([])
        var reported: [RunID] { ids.withLock { $0 } }
        func note(_ id: RunID) { ids.withLock { $0.append(id) } }
    }

    static func keeper(_ store: ScriptedClaims, beat: Duration) async -> (RunClaimKeeper, Losses) {
        let keeper = RunClaimKeeper(store: store, lease: .seconds(30), beat: beat, logger: .init(label: "test"))
        let losses = Losses()
        await keeper.observe(requests: { _, _ in }, losses: { id in losses.note(id) })
        return (keeper, losses)
    }

    @Test func aClaimTakenWhileTheReleaseIsUnderWayStaysHeldInTheStore() async throws {
        let store = ScriptedClaims()
        let (keeper, _) = await Self.keeper(store, beat: .seconds(3_600))
        let run = RunID()
        #expect(try await keeper.claim(run))
        store.delayReleases(by: .milliseconds(200))
        async let released: Void = keeper.release(run)
        try await Task.sleep(for: .milliseconds(50))
        // The engine ended and the pipeline starts: the new holder's claim must outlast the old holder's release.
        #expect(try await keeper.claim(run))
        await released
        #expect(store.executor == keeper.executor, "the run is held here but unclaimed in the store")
        #expect(await keeper.holds(run))
        await keeper.stop()
    }

    @Test func aRenewalThatSawTheOldClaimReleasedDoesNotReportTheNewOneLost() async throws {
        let store = ScriptedClaims()
        let (keeper, losses) = await Self.keeper(store, beat: .milliseconds(20))
        let run = RunID()
        let gates = store.holdNextRenewal()
        #expect(try await keeper.claim(run))
        await gates.before.waitUntilReached()
        // Released and claimed again around the renewal's read of who holds the run.
        await keeper.release(run)
        gates.before.open()
        await gates.after.waitUntilReached()
        #expect(try await keeper.claim(run))
        gates.after.open()
        try await Task.sleep(for: .milliseconds(200))
        #expect(losses.reported.isEmpty, "a claim given up and taken again was reported lost")
        #expect(await keeper.holds(run) && store.executor == keeper.executor)
        await keeper.stop()
    }

    @Test func aClaimAnotherProcessTookIsReportedLost() async throws {
        let store = ScriptedClaims()
        let (keeper, losses) = await Self.keeper(store, beat: .milliseconds(20))
        let run = RunID()
        #expect(try await keeper.claim(run))
        store.setExecutor("another-process")
        // Generous: a loaded test pass can hold the beat's task off the cooperative pool for seconds.
        let deadline = ContinuousClock.now + .seconds(60)
        while losses.reported.isEmpty && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(losses.reported == [run])
        #expect(await !keeper.holds(run))
        await keeper.stop()
    }
}
