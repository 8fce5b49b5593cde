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
    }

    let store: any CrawlStore
    let runs: RunManager

    /// Starts a run of `job` (with `runID` when given), copying its labels and resolved config. With `jobIsNew`,
    /// the job is not stored yet and is stored with the run, or not at all when the run is refused.
    func start(_ job: Job, runID: RunID? = nil, jobIsNew: Bool = false) async throws(StoreError) -> Outcome {
        let run = Run(id: runID ?? RunID(), job: job, createdAt: Timestamp.now())
        if let refusal = try await store.admitRun(run, newJob: jobIsNew ? job : nil, under: job.config.starting.exclusive) {
            return .refused(refusal)
        }
        await runs.submit(run)
        // Read back, so a run that took a free slot at once is shown `running`.
        return .started((try? await store.run(run.id)) ?? run)
    }
}
