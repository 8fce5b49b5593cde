import DequeModule

/// One origin's queue and politeness state: URLs by depth in ranker order, requests in flight,
/// when the next request may start, and where its robots.txt stands.
struct HostQueue {
    enum RobotsState: Equatable {
        /// Not fetched yet; the frontier hands out a robots fetch before any page.
        case unknown
        case fetching
        case ready(RobotsRules)
        /// robots.txt kept failing; URLs of this origin are excluded.
        case unavailable
        /// robots.txt is not consulted (`obey: false`).
        case ignored
    }

    let origin: Origin
    private var buckets: [Deque<FrontierEntry>] = []
    private var lowestNonEmpty = Int.max
    private(set) var count = 0
    var inFlight = 0
    var nextReadyAt: ContinuousClock.Instant
    var delay: Duration
    var floor: Duration
    var robots: RobotsState
    /// When the current robots.txt rules were fetched; they are refetched once they are a day old.
    var robotsFetchedAt: ContinuousClock.Instant?
    /// True while the origin sits in the ready list or the wake-up heap, so it is never scheduled twice.
    var isScheduled = false
    /// True while the origin sits in the frontier's list of installed robots.txt rules, so it is listed once.
    var isRobotsListed = false

    init(origin: Origin, robots: RobotsState, floor: Duration, now: ContinuousClock.Instant) {
        self.origin = origin
        self.robots = robots
        self.floor = floor
        delay = floor
        nextReadyAt = now
    }

    var isEmpty: Bool { count == 0 }

    mutating func push(_ entry: FrontierEntry, atFront: Bool) {
        let depth = entry.depth
        if depth >= buckets.count { buckets.append(contentsOf: repeatElement(Deque(), count: depth - buckets.count + 1)) }
        if atFront { buckets[depth].prepend(entry) } else { buckets[depth].append(entry) }
        lowestNonEmpty = min(lowestNonEmpty, depth)
        count += 1
    }

    /// The next URL in ranker order: breadth takes the shallowest (oldest first), depth the deepest (newest first).
    mutating func pop(_ ranker: Ranker) -> FrontierEntry? {
        guard count > 0 else { return nil }
        switch ranker {
        case .breadth:
            while buckets[lowestNonEmpty].isEmpty { lowestNonEmpty += 1 }
            count -= 1
            return buckets[lowestNonEmpty].removeFirst()
        case .depth:
            var depth = buckets.count - 1
            while buckets[depth].isEmpty { depth -= 1 }
            count -= 1
            if depth == buckets.count - 1 {
                let entry = buckets[depth].removeLast()
                while let last = buckets.last, last.isEmpty { buckets.removeLast() }
                return entry
            }
            return buckets[depth].removeLast()
        }
    }

    /// Removes and returns every queued URL (when the origin turns out to be unreachable).
    mutating func drain() -> [FrontierEntry] {
        let all = buckets.flatMap { Array($0) }
        buckets.removeAll()
        lowestNonEmpty = .max
        count = 0
        return all
    }
}
