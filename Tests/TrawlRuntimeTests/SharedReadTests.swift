import Synchronization
import Testing
import TrawlCore
@testable import TrawlRuntime

/// The read `/metrics` shares: one store read per freshness period, one in flight at a time, failures not kept.
@Suite struct SharedReadTests {
    /// Counts reads, each held until the test lets it go when `holding`.
    final class Source: Sendable {
        let reads = Mutex(0)
        let fail = Mutex(false)
        let gate = Mutex<[CheckedContinuation<Void, Never>]>([])
        let holding: Bool

        init(holding: Bool = false) { self.holding = holding }

        func read() async throws(StoreError) -> Int {
            let number = reads.withLock { reads in
                reads += 1
                return reads
            }
            if holding { await withCheckedContinuation { continuation in gate.withLock { $0.append(continuation) } } }
            if fail.withLock({ $0 }) { throw StoreError(.io, "down") }
            return number
        }

        func letGo() { for waiter in gate.withLock({ gate in defer { gate = [] }; return gate }) { waiter.resume() } }
        var held: Int { gate.withLock { $0.count } }
    }

    @Test func callersWithinTheFreshnessGetTheLastAnswer() async throws {
        let source = Source()
        let shared = SharedRead(freshness: .seconds(3_600)) { () async throws(StoreError) in try await source.read() }
        for _ in 0..<20 { #expect(try await shared.value() == 1) }
        #expect(source.reads.withLock { $0 } == 1)
    }

    @Test func anAgedAnswerIsReadAgain() async throws {
        let source = Source()
        let shared = SharedRead(freshness: .zero) { () async throws(StoreError) in try await source.read() }
        #expect(try await shared.value() == 1)
        #expect(try await shared.value() == 2)
    }

    /// Callers that arrive while a read is under way wait for it: a burst of scrapes on a cold cache is one read.
    @Test func callersDuringAReadShareIt() async throws {
        let source = Source(holding: true)
        // Fresh for an hour: a caller that comes only after the read (a slow machine) is answered from it, not left
        // waiting on a second read nothing lets go.
        let shared = SharedRead(freshness: .seconds(3_600)) { () async throws(StoreError) in try await source.read() }
        let answers = Task {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<30 { group.addTask { try await shared.value() } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
        }
        _ = try await waitUntil("the read under way", { source.held }, until: { $0 == 1 })
        try await Task.sleep(for: .milliseconds(100))  // the other callers find it in flight
        source.letGo()
        let values = try await answers.value
        #expect(source.reads.withLock { $0 } == 1 && Set(values) == [1] && values.count == 30)
    }

    /// A read that hangs (a database that stopped answering) holds its own callers, not every later one: past the
    /// patience, the next caller starts a read of its own.
    @Test func aHungReadIsNotWaitedForByLaterCallers() async throws {
        let source = Source(holding: true)
        let shared = SharedRead(freshness: .zero, patience: .milliseconds(100)) { () async throws(StoreError) in
            try await source.read()
        }
        let stuck = Task { try await shared.value() }
        _ = try await waitUntil("the first read under way", { source.held }, until: { $0 == 1 })
        try await Task.sleep(for: .milliseconds(150))
        let later = Task { try await shared.value() }
        _ = try await waitUntil("a second read under way", { source.held }, until: { $0 == 2 })
        source.letGo()
        let (second, first) = (try await later.value, try await stuck.value)
        #expect(second == 2 && first == 1)
    }

    /// A failed read is reported to its callers and not kept: the next caller reads again.
    @Test func aFailureIsNotKept() async throws {
        let source = Source()
        source.fail.withLock { $0 = true }
        let shared = SharedRead(freshness: .seconds(3_600)) { () async throws(StoreError) in try await source.read() }
        await #expect(throws: StoreError.self) { try await shared.value() }
        source.fail.withLock { $0 = false }
        #expect(try await shared.value() == 2)
    }
}
