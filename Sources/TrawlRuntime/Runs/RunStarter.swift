import TrawlCore

/// Creates a run of a job and hands it to the run manager, after the job's starting criteria admit it: the one
/// way runs start, whether a client asked or a trigger fired.
struct RunStarter: Sendable {
    /// What came of a start.
    enum Outcome: Sendable {
        /// The run exists and is running or waiting as pending for a slot.
        case started(Run)
        /// A starting criterion's group is full; nothing was created.
        case refused(ExclusiveRefusal)
        /// The tenant is at one of the server's limits (active runs, or jobs for a new job); nothing was created.
        case overQuota(String)
    }

    /// Jobs read and runs admitted: nothing else of the store.
    let store: any RunStore & JobStore
    let runs: RunManager
    /// The server's limits on each tenant's active runs and jobs.
    let limits: TenantLimits

    /// Starts a run of `job` (with `runID` when given), copying its labels and resolved config. With `jobIsNew`,
    /// the job is not stored yet and is stored with the run, or not at all when the run is refused.
    func start(_ job: Job, runID: RunID? = nil, jobIsNew: Bool = false) async throws(StoreError) -> Outcome {
        let run = Run(id: runID ?? RunID(), job: job, createdAt: Timestamp.now())
        // The tenant's quota is one more starting rule, counted in the same transaction as the job's own.
        let quota = limits.activeRuns.map { ExclusiveRule(by: .tenant, limit: $0) }
        let rules = job.config.starting.exclusive + (quota.map { [$0] } ?? [])
        switch try await store.admitRun(run, newJob: jobIsNew ? job : nil, under: rules, jobLimit: jobIsNew ? limits.jobs : nil) {
        case nil:
            break
        case .exclusive(let refusal) where refusal.rule == quota && !job.config.starting.exclusive.contains(refusal.rule):
            return .overQuota("the tenant has \(refusal.rule.limit) active runs (pending, running or paused), the most this "
                              + "server allows; stop or wait for one to finish")
        case .exclusive(let refusal):
            return .refused(refusal)
        case .jobLimit(let limit):
            return .overQuota(Self.jobLimitMessage(limit))
        }
        await runs.submit(run)
        // Read back, so a run that took a free slot at once is shown `running`.
        return .started((try? await store.run(run.id)) ?? run)
    }

    /// Why a job was not created: its tenant holds `limit` jobs.
    static func jobLimitMessage(_ limit: Int) -> String {
        "the tenant has \(limit) jobs, the most this server allows; delete one first"
    }
}
