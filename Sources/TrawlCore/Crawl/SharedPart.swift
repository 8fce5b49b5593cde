/// What the crawl loop keeps of its part in a shared run (`CrawlShare`): the origins it leases, the URLs it holds in
/// memory, the `max_urls` it reserved, and which store calls are under way. Confined to the loop, like the rest of
/// its state.
struct SharedPart {
    let store: any SharedCrawlStore
    let share: CrawlShare
    /// Origin keys (`OriginKey`) this part leases: only their URLs are kept in memory and fetched here.
    var leased: Set<String> = []
    /// Origins offered back in the lease under way. Until its answer they count as not leased, so a URL found for one
    /// meanwhile waits on disk: had it gone to memory, and the store let the origin go, another part would lease it
    /// and fetch that URL a second time.
    var releasing: Set<String> = []
    /// Per leased origin, URLs held here between being queued and being settled (queued, on the wire, parsing, waiting
    /// to retry or to be revisited): an origin with none is given back at the next lease.
    var work: [String: Int] = [:]
    /// The frontier's origins by key, to drop the URLs of an origin another part took over.
    var origins: [String: Origin] = [:]
    /// When each origin was leased: a renewal sent before then cannot speak for that lease.
    var leasedAt: [String: ContinuousClock.Instant] = [:]
    /// When the renewal under way was sent.
    var renewalSentAt: ContinuousClock.Instant
    /// Fingerprints held here: a claim that returns one of them (another part wrote its row first) pushes it once.
    var held: Set<UInt64> = []
    /// Of `max_urls`, what this part reserved so far.
    var granted = 0
    var leasing = false
    var renewing = false
    var reserving = false
    var checkingDrained = false
    var nextLease: ContinuousClock.Instant
    var nextRenewal: ContinuousClock.Instant
    var nextReservation: ContinuousClock.Instant
    var nextDrainCheck: ContinuousClock.Instant

    init(store: any SharedCrawlStore, share: CrawlShare, now: ContinuousClock.Instant) {
        self.store = store
        self.share = share
        nextLease = now
        nextRenewal = now
        nextReservation = now
        nextDrainCheck = now
        renewalSentAt = now
    }

    /// A store call is under way whose answer the loop must hear before it ends.
    var isBusy: Bool { leasing || renewing || reserving || checkingDrained }

    /// Records `url`'s entry as held here.
    mutating func hold(_ url: CrawlURL) {
        guard held.insert(url.fingerprint).inserted else { return }
        let key = OriginKey.of(url.string)
        work[key, default: 0] += 1
        origins[key] = url.origin
    }

    /// Records `url`'s entry as settled (written as fetched, failed or excluded).
    mutating func settle(_ url: CrawlURL) {
        guard held.remove(url.fingerprint) != nil else { return }
        let key = OriginKey.of(url.string)
        if let count = work[key] { work[key] = max(0, count - 1) }
    }

    /// Leased origins with nothing held here: candidates to give back.
    var idleOrigins: [String] { leased.filter { (work[$0] ?? 0) == 0 }.sorted() }
}
