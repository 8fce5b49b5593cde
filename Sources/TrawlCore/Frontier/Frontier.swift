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
        /// The origin's robots.txt forbids this URL (`robots`), or would take too long to say (`robotsTooCostly`).
        case disallowed(FrontierEntry, Exclusion)
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
    /// How long robots.txt rules are trusted before they are fetched again.
    public var robotsTTL: Duration = .seconds(24 * 3600)
    /// Memory the installed robots.txt rules of all origins may hold (`RobotsRules.footprint`). One file of 512 KiB
    /// packs to ~0.8 MB and a run meets origins without end (every host of a wide crawl, every port of a seed's
    /// host), so past this the rules installed longest ago are dropped and fetched again when next needed.
    public var robotsMemoryBudget = 64 << 20
    /// What the installed rules hold now.
    public private(set) var robotsFootprint = 0
    /// Origins holding rules, in the order they were installed: where `dropRobotsOverBudget` looks first.
    private var robotsInstalled: Deque<Origin> = []
    private var hosts: [Origin: HostQueue] = [:]
    private var ready: Deque<Origin> = []
    private var waiting = Heap<WakeUp>()
    /// URLs queued across all origins.
    public private(set) var count = 0
    /// What the queued entries hold in memory (`FrontierEntry.footprint`), which a count alone does not bound: URLs
    /// run from tens of bytes to `CrawlURL.maximumLength`.
    public private(set) var footprint = 0
    /// robots.txt fetches under way (what `isFetchingRobots` answers from).
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
        if hosts[origin] == nil {
            hosts[origin] = HostQueue(origin: origin, robots: obeyRobots ? .unknown : .ignored,
                                      floor: politeness.floor(crawlDelay: nil), now: now)
        }
        // Mutating through the dictionary's subscript keeps the queues uniquely referenced: copying a
        // HostQueue out and back would copy its deques on every push and pop.
        hosts[origin]!.push(entry, atFront: atFront)
        count += 1
        footprint += entry.footprint
        scheduleIfEligible(origin, now: now)
    }

    /// The next piece of work whose origin may send at `now`, or nil when every origin must wait.
    public mutating func next(now: ContinuousClock.Instant) -> Work? {
        while let top = waiting.min, top.at <= now {
            waiting.removeMin()
            ready.append(top.origin)
        }
        while let origin = ready.popFirst() {
            guard hosts[origin] != nil else { continue }
            let work = take(from: origin, now: now)
            scheduleIfEligible(origin, now: now)
            if let work { return work }
        }
        return nil
    }

    /// Takes the next work item from one origin popped off the ready list, if it may send now.
    private mutating func take(from origin: Origin, now: ContinuousClock.Instant) -> Work? {
        hosts[origin]!.isScheduled = false
        switch hosts[origin]!.robots {
        case .unknown:
            setRobots(.fetching, of: origin)
            robotsInFlight += 1
            return .robots(origin)
        case .fetching, .unavailable:
            return nil
        case .ready:
            // RFC 9309 §2.4: cached rules should not be used for more than 24 hours.
            if let fetchedAt = hosts[origin]!.robotsFetchedAt, now - fetchedAt >= robotsTTL,
               hosts[origin]!.inFlight == 0 {
                setRobots(.fetching, of: origin)
                robotsInFlight += 1
                return .robots(origin)
            }
        case .ignored:
            break
        }
        guard hosts[origin]!.inFlight < politeness.perHostConcurrency, hosts[origin]!.nextReadyAt <= now,
              let entry = hosts[origin]!.pop(ranker) else { return nil }
        count -= 1
        footprint -= entry.footprint
        if case .ready(let rules) = hosts[origin]!.robots {
            switch rules.verdict(entry.url.pathAndQuery) {
            case .allowed: break
            case .disallowed: return .disallowed(entry, .robots)
            case .tooCostly: return .disallowed(entry, .robotsTooCostly)
            }
        }
        hosts[origin]!.inFlight += 1
        hosts[origin]!.nextReadyAt = now + hosts[origin]!.delay
        return .page(entry)
    }

    /// Records the end of a page fetch from `origin` that took `duration` (nil when it never connected).
    public mutating func completed(_ origin: Origin, duration: Duration?, now: ContinuousClock.Instant) {
        guard hosts[origin] != nil else { return }
        hosts[origin]!.inFlight = max(0, hosts[origin]!.inFlight - 1)
        if let duration { hosts[origin]!.delay = politeness.delay(after: duration, floor: hosts[origin]!.floor) }
        scheduleIfEligible(origin, now: now)
    }

    /// Holds `origin` back until `instant` (a 429/503 with Retry-After).
    public mutating func backOff(_ origin: Origin, until instant: ContinuousClock.Instant, now: ContinuousClock.Instant) {
        guard hosts[origin] != nil else { return }
        hosts[origin]!.nextReadyAt = max(hosts[origin]!.nextReadyAt, instant)
    }

    /// Installs `origin`'s robots.txt rules; its pages may now be handed out. Returns how many other origins' rules
    /// were dropped to keep within `robotsMemoryBudget`.
    @discardableResult
    public mutating func robotsResolved(_ origin: Origin, rules: RobotsRules, now: ContinuousClock.Instant) -> Int {
        robotsInFlight = max(0, robotsInFlight - 1)
        guard hosts[origin] != nil else { return 0 }
        let floor = politeness.floor(crawlDelay: rules.crawlDelay)
        setRobots(.ready(rules), of: origin)
        hosts[origin]!.robotsFetchedAt = now
        hosts[origin]!.floor = floor
        hosts[origin]!.delay = max(hosts[origin]!.delay, floor)
        if !hosts[origin]!.isRobotsListed {
            hosts[origin]!.isRobotsListed = true
            robotsInstalled.append(origin)
        }
        let dropped = dropRobotsOverBudget(sparing: origin)
        scheduleIfEligible(origin, now: now)
        return dropped
    }

    /// Origins with queued URLs passed over per install in favour of idle ones, whose rules nothing is waiting on.
    private static let queuedOriginsPassedOver = 64

    /// Drops installed rules, those installed longest ago first, until the rest fit `robotsMemoryBudget`: an idle
    /// origin's before one with queued URLs, never those of an origin with a request in flight or of `kept`. A dropped
    /// origin goes back to `.unknown` and fetches robots.txt again before its next page (its politeness state stays),
    /// so the budget costs requests only in a run that holds more rules than fit. Each call looks at each listed origin
    /// at most once.
    private mutating func dropRobotsOverBudget(sparing kept: Origin) -> Int {
        var looks = robotsInstalled.count
        var passedOver = 0
        var dropped = 0
        while robotsFootprint > robotsMemoryBudget, looks > 0, let origin = robotsInstalled.popFirst() {
            looks -= 1
            guard let host = hosts[origin] else { continue }
            guard case .ready = host.robots else {
                hosts[origin]!.isRobotsListed = false
                continue
            }
            if origin == kept || host.inFlight > 0 {
                robotsInstalled.append(origin)
                continue
            }
            if !host.isEmpty && passedOver < Self.queuedOriginsPassedOver {
                passedOver += 1
                robotsInstalled.append(origin)
                continue
            }
            hosts[origin]!.isRobotsListed = false
            setRobots(.unknown, of: origin)
            hosts[origin]!.robotsFetchedAt = nil
            dropped += 1
        }
        return dropped
    }

    /// Sets `origin`'s robots state, keeping `robotsFootprint` in step with the rules it holds.
    private mutating func setRobots(_ state: HostQueue.RobotsState, of origin: Origin) {
        if case .ready(let old) = hosts[origin]!.robots { robotsFootprint -= old.footprint }
        if case .ready(let new) = state { robotsFootprint += new.footprint }
        hosts[origin]!.robots = state
    }

    /// Marks `origin`'s robots.txt as worth another try later (5xx / unreachable).
    public mutating func robotsRetry(_ origin: Origin, at instant: ContinuousClock.Instant, now: ContinuousClock.Instant) {
        robotsInFlight = max(0, robotsInFlight - 1)
        guard hosts[origin] != nil else { return }
        setRobots(.unknown, of: origin)
        hosts[origin]!.nextReadyAt = instant
        if !hosts[origin]!.isScheduled {
            hosts[origin]!.isScheduled = true
            waiting.insert(WakeUp(at: instant, origin: origin))
        }
    }

    /// Gives up on `origin`'s robots.txt: its queued URLs are returned to be recorded as excluded,
    /// and later ones are refused by `isUnavailable`.
    public mutating func robotsUnavailable(_ origin: Origin) -> [FrontierEntry] {
        robotsInFlight = max(0, robotsInFlight - 1)
        guard hosts[origin] != nil else { return [] }
        setRobots(.unavailable, of: origin)
        let drained = hosts[origin]!.drain()
        forget(drained)
        return drained
    }

    /// Takes `origin` out with every URL queued for it (another process crawls it now). A robots.txt fetch under way
    /// for it still ends through `robotsResolved` or `robotsRetry`, which find the origin gone.
    public mutating func remove(_ origin: Origin) -> [FrontierEntry] {
        guard var host = hosts.removeValue(forKey: origin) else { return [] }
        if case .ready(let rules) = host.robots { robotsFootprint -= rules.footprint }
        let drained = host.drain()
        forget(drained)
        return drained
    }

    private mutating func forget(_ drained: [FrontierEntry]) {
        count -= drained.count
        footprint -= drained.reduce(0) { $0 + $1.footprint }
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
        guard let host = hosts[origin], !host.isScheduled else { return }
        let needsRobots = host.robots == .unknown
        guard !host.isEmpty, host.robots != .fetching, host.robots != .unavailable else { return }
        guard needsRobots || host.inFlight < politeness.perHostConcurrency else { return }
        let readyAt = host.nextReadyAt
        hosts[origin]!.isScheduled = true
        if needsRobots || readyAt <= now {
            ready.append(origin)
        } else {
            waiting.insert(WakeUp(at: readyAt, origin: origin))
        }
    }
}
