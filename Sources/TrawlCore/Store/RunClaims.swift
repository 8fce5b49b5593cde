import Foundation

/// Which process executes which run, so that many processes on one store (API servers behind a balancer, a server and
/// `trawl run`) never execute a run twice, and a control call made to any of them reaches the one that does.
///
/// A claim is a lease: the executing process renews it every beat, and a claim not renewed by its `until` is free to
/// take, so the runs of a process that died are picked up by another (or by its own next start) without anyone
/// having to say it died. One claim covers a run's crawl and its document pipeline.
public protocol RunClaims: Sendable {
    /// Claims `id` for `executor` until `until` unless another executor's claim is live at `now`; true when `executor`
    /// holds the claim afterwards (taking it again is allowed and extends it).
    func claimRun(_ id: RunID, executor: String, now: Date, until: Date) async throws(StoreError) -> Bool
    /// Extends `executor`'s claims on `ids` to `until` and takes the control requests left for them (each request is
    /// answered once). IDs `executor` no longer holds (taken over after its lease ran out) are in `lost`.
    func renewClaims(_ ids: [RunID], executor: String, until: Date) async throws(StoreError) -> ClaimRenewal
    /// Gives up `executor`'s claim on `id`; a claim held by another executor is left alone.
    func releaseRun(_ id: RunID, executor: String) async throws(StoreError)
    /// Writes `run`'s state only while its claim is still `executor`'s (live, or lapsed but not taken), checked in the
    /// same transaction: false, writing nothing, when another executor took it; `notFound` when the run is gone. How a
    /// final state written late (after a store outage) keeps off a run another process resumed. The claim stays: the
    /// run's pipeline may hold it too, and the caller gives it up when neither needs it.
    func writeFinalState(_ run: Run, claimedBy executor: String) async throws(StoreError) -> Bool
    /// Leaves `request` for whichever process holds a live claim on `id` at `now`; false when none does (then the
    /// caller acts on the run itself).
    func requestControl(_ request: RunControlRequest, of id: RunID, now: Date) async throws(StoreError) -> Bool
    /// Runs in any of `statuses` that no other executor holds a live claim on at `now`, oldest first: what `executor`
    /// may pick up.
    func claimableRuns(withStatus statuses: [RunStatus], executor: String, now: Date) async throws(StoreError) -> [Run]
    /// Runs not running whose pipeline began but has not finished (text not indexed, or an embed step begun and not
    /// over) and that no executor holds a live claim on at `now` (`executor`'s own are running here already), oldest
    /// first, at most `limit`: pipelines a process that died left behind.
    func runsWithUnfinishedPipelines(executor: String, now: Date, limit: Int) async throws(StoreError) -> [Run]
}

/// What one process asks of the process executing a run.
public enum RunControlRequest: String, Sendable, Codable, CaseIterable {
    case pause, stop
    /// Resume a paused run whose claim the asking process cannot take (its pipeline still runs in the holder).
    case resume
}

/// The answer to a renewal: control requests to act on, and claims that were lost.
public struct ClaimRenewal: Sendable, Equatable {
    public var requests: [RunID: RunControlRequest]
    public var lost: Set<RunID>

    /// A renewal with these requests and losses.
    public init(requests: [RunID: RunControlRequest] = [:], lost: Set<RunID> = []) {
        self.requests = requests
        self.lost = lost
    }
}
