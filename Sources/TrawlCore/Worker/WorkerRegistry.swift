import Foundation

/// The processes sharing a store, each announcing itself on a heartbeat, so an operator sees which are alive and
/// which runs each holds. Nothing depends on it for correctness: run claims (`RunClaims`) decide who executes what.
public protocol WorkerRegistry: Sendable {
    /// Writes `worker` (inserting it or refreshing its heartbeat) and forgets processes that have not beaten since
    /// `forgetBefore` (long dead: killed, or their machine gone).
    func heartbeat(_ worker: WorkerRecord, forgetBefore: Date) async throws(StoreError)
    /// Removes `id`: the process is shutting down.
    func retireWorker(_ id: String) async throws(StoreError)
    /// Every known process, most recently started first, each with the runs of `tenantID` it holds a live claim on
    /// at `now`.
    func workers(tenantID: String, now: Date) async throws(StoreError) -> [WorkerRecord]
}
