import DequeModule
import HeapModule

/// The in-memory frontier: per-origin queues, politeness and robots gating, and which origin goes next.
///
/// Origins that may send now sit in a ready list (round-robin, so one big site cannot starve the others);
/// origins waiting out their delay sit in a heap keyed by when they may send again. Picking the next URL is
/// O(log origins), whatever the number of hosts. Pure: time comes in as an argument.
public struct Frontier: Sendable {
    /// What the frontier hands out.
    public enum Work: Sendable, Equatable {
        /// Fetch this page.
        case page(FrontierEntry)
        /// Fetch this origin's robots.txt before any of its pages.
        case robots(Origin)
        /// The origin's robots.txt forbids this URL.
        case disallowed(FrontierEntry)
    }

    private struct WakeUp: Comparable {
        var at: ContinuousClock.Instant
        var origin: Origin
        static func < (lhs: WakeUp, rhs: WakeUp) -> Bool { lhs.at < rhs.at }
        static func == (lhs: WakeUp, rhs: WakeUp) -> Bool { lhs.at == rhs.at && lhs.origin == rhs.origin }
    }

    public let ranker: Ranker
    public let politeness: Politeness
    public let obeyRobots: Bool
    private var hosts: [Origin: HostQueue] = [:]
    private var ready: Deque<Origin> = []
    private var waiting = Heap<WakeUp>()
    /// URLs queued across all origins.
    public private(set) var count = 0
    /// Queued URLs at or above each depth are tracked for `max_depth`: the count of those ≤ the limit.
    private(set) var robotsInFlight = 0

    /// An empty frontier.
    public init(ranker: Ranker, politeness: Politeness, obeyRobots: Bool) {
        self.ranker = ranker
        self.politeness = politeness
        self.obeyRobots = obeyRobots
    }

    /// Queues `entry`; redirects and retries go to the front of their depth.
    public mutating func push(_ entry: FrontierEntry, atFront: Bool = false, now: ContinuousClock.Instant) {
        let origin = entry.url.origin
        var host = hosts[origin] ?? HostQueue(
            origin: origin, robots: obeyRobots ? .unknown : .ignored, floor: politeness.floor(crawlDelay: nil), now: now)
        host.push(entry, atFront: atFront)
        count += 1
        hosts[origin] = host
        scheduleIfEligible(origin, now: now)
    }

    /// The next piece of work whose origin may send at `now`, or nil when every origin must wait.
    public mutating func next(now: ContinuousClock.Instant) -> Work? {
        while let top = waiting.min, top.at <= now {
            waiting.removeMin()
            ready.append(top.origin)
        }
        while let origin = ready.popFirst() {
            guard var host = hosts[origin] else { continue }
            host.isScheduled = false
            defer { hosts[origin] = host; scheduleIfEligible(origin, now: now) }
            switch host.robots {
            case .unknown:
                host.robots = .fetching
                robotsInFlight += 1
                return .robots(origin)
            case .fetching, .unavailable:
                continue
            case .ready, .ignored:
                break
            }
            guard host.inFlight < politeness.perHostConcurrency, host.nextReadyAt <= now,
                  let entry = host.pop(ranker) else { continue }
            count -= 1
            if case .ready(let rules) = host.robots, !rules.isAllowed(entry.url.pathAndQuery) {
                return .disallowed(entry)
            }
            host.inFlight += 1
            host.nextReadyAt = now + host.delay
            return .page(entry)
        }
        return nil
    }

    /// Records the end of a page fetch from `origin` that took `duration` (nil when it never connected).
    public mutating func completed(_ origin: Origin, duration: Duration?, now: ContinuousClock.Instant) {
        guard var host = hosts[origin] else { return }
        host.inFlight = max(0, host.inFlight - 1)
        if let duration { host.delay = politeness.delay(after: duration, floor: host.floor) }
        hosts[origin] = host
        scheduleIfEligible(origin, now: now)
    }

    /// Holds `origin` back until `instant` (a 429/503 with Retry-After).
    public mutating func backOff(_ origin: Origin, until instant: ContinuousClock.Instant, now: ContinuousClock.Instant) {
        guard var host = hosts[origin] else { return }
        host.nextReadyAt = max(host.nextReadyAt, instant)
        hosts[origin] = host
    }

    /// Installs `origin`'s robots.txt rules; its pages may now be handed out.
    public mutating func robotsResolved(_ origin: Origin, rules: RobotsRules, now: ContinuousClock.Instant) {
        robotsInFlight = max(0, robotsInFlight - 1)
        guard var host = hosts[origin] else { return }
        host.robots = .ready(rules)
        host.floor = politeness.floor(crawlDelay: rules.crawlDelay)
        host.delay = max(host.delay, host.floor)
        hosts[origin] = host
        scheduleIfEligible(origin, now: now)
    }

    /// Marks `origin`'s robots.txt as worth another try later (5xx / unreachable).
    public mutating func robotsRetry(_ origin: Origin, at instant: ContinuousClock.Instant, now: ContinuousClock.Instant) {
        robotsInFlight = max(0, robotsInFlight - 1)
        guard var host = hosts[origin] else { return }
        host.robots = .unknown
        host.nextReadyAt = instant
        hosts[origin] = host
        if !host.isScheduled {
            hosts[origin]?.isScheduled = true
            waiting.insert(WakeUp(at: instant, origin: origin))
        }
    }

    /// Gives up on `origin`'s robots.txt: its queued URLs are returned to be recorded as excluded,
    /// and later ones are refused by `isUnavailable`.
    public mutating func robotsUnavailable(_ origin: Origin) -> [FrontierEntry] {
        robotsInFlight = max(0, robotsInFlight - 1)
        guard var host = hosts[origin] else { return [] }
        host.robots = .unavailable
        let drained = host.drain()
        count -= drained.count
        hosts[origin] = host
        return drained
    }

    /// True when `origin` was given up on (its robots.txt never answered).
    public func isUnavailable(_ origin: Origin) -> Bool { hosts[origin]?.robots == .unavailable }

    /// True when a robots.txt fetch is under way somewhere.
    public var isFetchingRobots: Bool { robotsInFlight > 0 }

    /// When the earliest waiting origin may send again.
    public var nextWakeUp: ContinuousClock.Instant? { waiting.min?.at }

    /// Requests in flight to `origin`.
    public func inFlight(_ origin: Origin) -> Int { hosts[origin]?.inFlight ?? 0 }

    private mutating func scheduleIfEligible(_ origin: Origin, now: ContinuousClock.Instant) {
        guard var host = hosts[origin], !host.isScheduled else { return }
        let needsRobots = host.robots == .unknown
        guard !host.isEmpty, host.robots != .fetching, host.robots != .unavailable else { return }
        guard needsRobots || host.inFlight < politeness.perHostConcurrency else { return }
        host.isScheduled = true
        hosts[origin] = host
        if needsRobots || host.nextReadyAt <= now {
            ready.append(origin)
        } else {
            waiting.insert(WakeUp(at: host.nextReadyAt, origin: origin))
        }
    }
}
