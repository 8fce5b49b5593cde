#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TrawlCore

/// Counts what one parse has cost against its `ParseBudget`; libxml2's callbacks report to it, and the drivers stop
/// the parser (`xmlStopParser`) as soon as it says the budget is spent.
///
/// The clock is read every `clockInterval` events and between pushed chunks rather than on every event: a thread
/// CPU-time read is a system call, and an event costs far less.
final class ParseMeter {
    let budget: ParseBudget
    private(set) var depth = 0
    private(set) var elements = 0
    private(set) var errors = 0
    /// The first limit reached; once set, the parse is over.
    private(set) var exceeded: ParseBudget.Limit?

    private static let clockInterval = 512
    private var eventsSinceClock = 0
    private let deadline: Int64

    init(budget: ParseBudget) {
        self.budget = budget
        let (seconds, attoseconds) = budget.cpuTime.components
        deadline = Self.threadCPUNanoseconds() &+ seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000
    }

    /// An element opened; false when the parse must stop.
    func enter() -> Bool {
        depth += 1
        elements += 1
        if depth > budget.maxDepth { return stop(.depth) }
        if elements > budget.maxElements { return stop(.elements) }
        return tick()
    }

    /// An element seen by a parser that keeps no element stack (the tag scanner): counted, with no depth, since the
    /// cost depth bounds is that of libxml2's stack.
    func element() -> Bool {
        elements += 1
        if elements > budget.maxElements { return stop(.elements) }
        return tick()
    }

    /// An element closed.
    func leave() -> Bool {
        depth = max(0, depth - 1)
        return tick()
    }

    /// The parser reported an error (it recovers from all of them, but each can cost a scan of the open elements).
    func error() -> Bool {
        errors += 1
        if errors > budget.maxErrors { return stop(.errors) }
        return tick()
    }

    /// Between chunks: reads the clock unconditionally.
    func checkTime() -> Bool {
        guard exceeded == nil else { return false }
        eventsSinceClock = 0
        return Self.threadCPUNanoseconds() < deadline || stop(.time)
    }

    private func tick() -> Bool {
        guard exceeded == nil else { return false }
        eventsSinceClock += 1
        return eventsSinceClock < Self.clockInterval || checkTime()
    }

    /// Records that `limit` was reached (the first one reached is the one reported).
    func exceed(_ limit: ParseBudget.Limit) {
        if exceeded == nil { exceeded = limit }
    }

    private func stop(_ limit: ParseBudget.Limit) -> Bool {
        exceed(limit)
        return false
    }

    private static func threadCPUNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Int64(now.tv_sec) &* 1_000_000_000 &+ Int64(now.tv_nsec)
    }
}
