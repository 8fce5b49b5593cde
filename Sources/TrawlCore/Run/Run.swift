import Foundation

/// One execution of a job: its status, why it stopped, the config it ran with and how far it got.
public struct Run: Sendable, Equatable {
    public var id: RunID
    public var jobID: JobID
    public var tenantID: String
    public var status: RunStatus
    /// Null until the run finishes; a finished run always has one, and it is never overwritten.
    public var stopReason: StopReason?
    public var labels: [String: String]
    /// The resolved config, copied from the job when the run was created.
    public var config: CrawlConfig
    public var createdAt: Date
    public var startedAt: Date?
    public var pausedAt: Date?
    public var finishedAt: Date?
    public var updatedAt: Date
    public var error: RunError?
    public var progress: RunProgress
    /// How far the run's documents have come through extract, chunk, embed and index (written by the pipeline).
    public var pipeline = PipelineProgress()

    /// A new pending run of `job`, copying its labels and config.
    public init(id: RunID = RunID(), job: Job, createdAt: Date) {
        self.init(id: id, jobID: job.id, tenantID: job.tenantID, status: .pending, stopReason: nil,
                  labels: job.labels, config: job.config, createdAt: createdAt, updatedAt: createdAt)
    }

    /// A run with every field given.
    public init(id: RunID, jobID: JobID, tenantID: String, status: RunStatus, stopReason: StopReason?,
                labels: [String: String], config: CrawlConfig, createdAt: Date, startedAt: Date? = nil,
                pausedAt: Date? = nil, finishedAt: Date? = nil, updatedAt: Date, error: RunError? = nil,
                progress: RunProgress = RunProgress()) {
        self.id = id
        self.jobID = jobID
        self.tenantID = tenantID
        self.status = status
        self.stopReason = stopReason
        self.labels = labels
        self.config = config
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.pausedAt = pausedAt
        self.finishedAt = finishedAt
        self.updatedAt = updatedAt
        self.error = error
        self.progress = progress
    }
}
