import TrawlCore

/// How the trigger scheduler starts the run a firing asks for. The server's is `RunStarter`, through the same
/// admission as clients; a test gives the scheduler one that starts nothing, to watch the loop alone.
public protocol ScheduledRunStarting: Sendable {
    /// Starts run `runID` of the job, or reports the run a crashed earlier firing already started under that id.
    func startScheduled(jobID: JobID, tenantID: String, runID: RunID) async throws(StoreError) -> ScheduledStart
}

/// What came of starting a scheduled run.
public enum ScheduledStart: Sendable {
    /// The run exists: created now, or by a firing a crash kept from being recorded.
    case started(RunID)
    /// A starting criterion's group is full; nothing was created.
    case refused(ExclusiveRefusal)
    /// The tenant is at the server's limit of active runs; nothing was created.
    case overQuota(String)
    /// The job was deleted since the trigger was read.
    case jobGone
}

extension RunStarter: ScheduledRunStarting {
    func startScheduled(jobID: JobID, tenantID: String, runID: RunID) async throws(StoreError) -> ScheduledStart {
        if let started = try await store.run(runID), started.jobID == jobID, started.tenantID == tenantID {
            return .started(started.id)
        }
        guard let job = try await store.job(jobID, tenantID: tenantID) else { return .jobGone }
        switch try await start(job, runID: runID) {
        case .started(let run): return .started(run.id)
        case .refused(let refusal): return .refused(refusal)
        case .overQuota(let reason): return .overQuota(reason)
        }
    }
}
