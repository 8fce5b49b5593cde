import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// A final state written late (after a store outage) lands only while its process still holds the run's claim, on
/// every backend: a run another process resumed meanwhile is not ended under it.
@Suite struct StoreFinalStateTests {
    /// `run` as a stop at `date` leaves it.
    static func stopped(_ run: Run, at date: Date) -> Run {
        var ended = run
        ended.status = .finished
        ended.stopReason = .manual
        ended.finishedAt = date
        return ended
    }

    @Test(arguments: StoreBackend.available)
    func aFinalStateIsWrittenOnlyByTheClaimsHolderAndReleasesIt(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store, now = fixture.now
            let job = try await fixture.makeJob()
            let run = try await fixture.makeRun(job, at: 1, status: .running)
            let ended = Self.stopped(run, at: now)

            // Held by A (its lease lapsed, nobody took it): A's end lands, and the claim stays A's to give up.
            #expect(try await store.claimRun(run.id, executor: "a", now: now, until: now.addingTimeInterval(-1)))
            #expect(try await store.writeFinalState(ended, claimedBy: "a"))
            #expect(try await store.run(run.id)?.status == .finished)
            #expect(try await store.claimableRuns(withStatus: [.finished], executor: "b", now: now).map(\.id) == [run.id])

            // Taken by B meanwhile: A's end is refused and B's run is left as it is.
            let other = try await fixture.makeRun(job, at: 2, status: .running)
            let otherEnded = Self.stopped(other, at: now)
            #expect(try await store.claimRun(other.id, executor: "a", now: now, until: now.addingTimeInterval(-1)))
            #expect(try await store.claimRun(other.id, executor: "b", now: now, until: now.addingTimeInterval(10)))
            #expect(try await store.writeFinalState(otherEnded, claimedBy: "a") == false)
            #expect(try await store.run(other.id)?.status == .running)
            // B's claim stands: A cannot take it while it is live.
            #expect(try await store.claimRun(other.id, executor: "a", now: now, until: now.addingTimeInterval(10)) == false)

            // Deleted meanwhile: nothing is left to tell, and both stores say so the same way.
            #expect(try await store.deleteJob(job.id, tenantID: "acme"))
            await #expect(throws: StoreError(.notFound, "run \(other.id) does not exist")) {
                try await store.writeFinalState(otherEnded, claimedBy: "b")
            }
        }
    }
}
