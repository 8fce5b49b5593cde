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

    /// A wait nothing cancels: a continuation resumed only by `open()`, like a call into a library that does not
    /// listen for cancellation. It holds no thread while it waits, so a busy test process is not slowed down by it.
    final class DeafGate: Sendable {
        private let state = Mutex<(open: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

        func wait() async {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state in
                    if state.open { return true }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }

        func open() {
            let waiter = state.withLock { state in
                state.open = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }

    @Test func workThatIgnoresCancellationDoesNotHoldTheCaller() async throws {
        let gate = DeafGate()
        // Opened after 20 s at the latest: a Deadline that waited for its work would take that long, not hang.
        let backstop = Task {
            try? await Task.sleep(for: .seconds(20))
            gate.open()
        }
        let clock = ContinuousClock()
        let started = clock.now
        let result = try await Deadline.run(within: .milliseconds(100)) { () async throws(Refusal) -> Int in
            await gate.wait()
            return 1
        }
        let waited = clock.now - started
        gate.open()
        backstop.cancel()
        #expect(result == nil)
        #expect(waited < .seconds(15))
    }
}
