import Foundation

/// What crawling one run from many processes needs from the store (PostgreSQL; SQLite runs are crawled by one process).
///
/// The store is the coordinator: origins are leased with a lease that parts renew, the frontier's unique key on (run,
/// URL fingerprint) is the seen-set, `max_urls` is reserved before it is used, and the run ends in one conditional write.
/// Every lease names a time from the caller's clock, as run claims do (processes need synchronised clocks).
public protocol SharedCrawlStore: Sendable {
    /// Adds `share` to its run with a lease until `until`; the lead marks the run shared (others may join it). A lead
    /// taking over a run crawled by one process until now carries that run's counters over (as a part that ended) and
    /// makes its waiting URLs leasable. Returns whether the run has any frontier row (a run that crashed while seeding
    /// has none).
    func join(_ share: CrawlShare, until: Date) async throws(StoreError) -> Bool
    /// Gives back the `release` origins that have no URL waiting, leases up to `newOrigins` more with URLs waiting and no
    /// live lessee at `now` (fewer by each of `release` it kept, so that a part never holds more origins than it asked
    /// for), and claims up to `urlsPerOrigin` waiting URLs of each origin the share then holds, `limit` in all (what
    /// the part's memory has room for).
    func leaseWork(_ share: CrawlShare, release: [String], newOrigins: Int, urlsPerOrigin: Int, limit: Int, now: Date,
                   until: Date) async throws(StoreError) -> SharedWork
    /// Extends the share's lease and its origins' to `until`; says which it lost and what the run's status is.
    func renew(_ share: CrawlShare, holding origins: Set<String>, until: Date) async throws(StoreError) -> ShareRenewal
    /// Reserves up to `count` more of the run's `limit` URLs for the share; returns how many were granted (0 when the
    /// live parts' reservations and the dead ones' use take all of it).
    func reserve(_ share: CrawlShare, count: Int, of limit: Int, now: Date) async throws(StoreError) -> Int
    /// Ends the running run when it is out of work: `max_urls` used up, or no URL waiting anywhere (then `empty_seed`,
    /// `max_depth` or `max_empty_evaluations`, as one process would have said). First gives back what the share reserved
    /// of `max_urls` beyond `keepingReserved` (an idle part must not sit on quota another part needs). Returns the run
    /// as stored when it is not running any more (ended now or before), nil while work remains.
    func finishIfDrained(_ share: CrawlShare, keepingReserved: Int, now: Date) async throws(StoreError) -> Run?
    /// Ends the run with `reason` unless it has ended already; returns it as stored (the first reason wins).
    func finish(_ share: CrawlShare, reason: StopReason, error: RunError?, now: Date) async throws(StoreError) -> Run
    /// Shared runs that are running with origins waiting and free to lease at `now`, in which `executor` has no live
    /// share: what a worker with a free slot may join.
    func joinableRuns(executor: String, now: Date) async throws(StoreError) -> [RunID]
}
