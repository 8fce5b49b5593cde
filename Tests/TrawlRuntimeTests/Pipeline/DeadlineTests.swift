import Foundation
import Synchronization
import Testing
@testable import TrawlRuntime

/// Work with a time limit: the result in time, nil after it, without waiting for work that ignores cancellation.
@Suite struct DeadlineTests {
    struct Refusal: Error, Equatable {}

    @Test func workDoneInTimeGivesItsResultOrItsError() async throws {
        #expect(try await Deadline.run(within: .seconds(30)) { () async throws(Refusal) in 42 } == 42)
        await #expect(throws: Refusal()) {
            _ = try await Deadline.run(within: .seconds(30)) { () async throws(Refusal) -> Int in throw Refusal() }
        }
    }

    @Test func lateWorkIsAbandonedAndCancelled() async throws {
        let cancelled = Mutex(false)
        let clock = ContinuousClock()
        let started = clock.now
        let result = try await Deadline.run(within: .milliseconds(100)) { () async throws(Refusal) -> Int in
            try? await Task.sleep(for: .seconds(60))
            cancelled.withLock { $0 = Task.isCancelled }
            return 1
        }
        #expect(result == nil)
        #expect(clock.now - started < .seconds(30))
        // The abandoned work hears of its cancellation once it runs again, however busy the machine.
        _ = try await waitUntil("the late work to see its cancellation") { cancelled.withLock { $0 } } until: { $0 }
    }

    @Test func workThatIgnoresCancellationDoesNotHoldTheCaller() async throws {
        let release = Mutex(false)
        // Released after 20 s at the latest: a Deadline that waited for its work would take that long, not hang.
        Task {
            try? await Task.sleep(for: .seconds(20))
            release.withLock { $0 = true }
        }
        let clock = ContinuousClock()
        let started = clock.now
        let result = try await Deadline.run(within: .milliseconds(100)) { () async throws(Refusal) -> Int in
            // Like a blocking network call: cancellation goes unnoticed until it ends.
            while !release.withLock({ $0 }) { usleep(5_000) }
            return 1
        }
        #expect(result == nil)
        release.withLock { $0 = true }
        #expect(clock.now - started < .seconds(15))
    }
}
