import DequeModule

/// A first-in, first-out queue of entries that keeps count of what they hold in memory (`FrontierEntry.footprint`),
/// for the queues beside the frontier that a URL count alone would not bound: URLs run from tens of bytes to
/// `CrawlURL.maximumLength`.
struct FrontierEntryQueue {
    private var entries = Deque<FrontierEntry>()
    private(set) var footprint = 0

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    mutating func append(_ entry: FrontierEntry) {
        entries.append(entry)
        footprint += entry.footprint
    }

    /// Puts back an entry just taken, ahead of the rest.
    mutating func prepend(_ entry: FrontierEntry) {
        entries.prepend(entry)
        footprint += entry.footprint
    }

    mutating func popFirst() -> FrontierEntry? {
        guard let entry = entries.popFirst() else { return nil }
        footprint -= entry.footprint
        return entry
    }

    /// Removes the entries `predicate` picks, and returns them in queue order.
    mutating func removeAll(where predicate: (FrontierEntry) -> Bool) -> [FrontierEntry] {
        let removed = Array(entries.filter(predicate))
        guard !removed.isEmpty else { return [] }
        entries.removeAll(where: predicate)
        footprint -= removed.reduce(0) { $0 + $1.footprint }
        return removed
    }
}
