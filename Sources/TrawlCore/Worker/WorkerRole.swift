/// What a Trawl process sharing a store does: the operator's view of a cluster (`GET /v1/workers`).
public enum WorkerRole: String, Sendable, Codable, CaseIterable {
    /// `trawl serve`: the API, and runs executed in the same process (the one-process case).
    case serve
    /// `trawl serve --no-execute`: the API only; runs are executed by workers.
    case api
    /// `trawl worker`: executes runs and their pipelines; serves only `/healthz` and `/metrics`.
    case worker

    /// Whether processes in this role execute runs.
    public var executesRuns: Bool { self != .api }
}
