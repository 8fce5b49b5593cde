import TrawlCore

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
