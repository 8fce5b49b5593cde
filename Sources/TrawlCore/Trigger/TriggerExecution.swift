import Foundation

/// One time a trigger fired, and what came of it.
public struct TriggerExecution: Sendable, Equatable {
    /// The outcome of firing.
    public enum Status: String, Sendable, CaseIterable {
        /// A run was created (it may wait as pending for a slot).
        case started
        /// The job's starting criteria refused a new run.
        case skipped
        /// The run could not be created (the reason says why).
        case failed
    }

    public var id: TriggerExecutionID
    public var triggerID: TriggerID
    public var tenantID: String
    public var jobID: JobID
    public var status: Status
    /// The run started; nil unless `started`.
    public var runID: RunID?
    /// Why the execution was skipped or failed.
    public var reason: String?
    /// The tick or due time this execution answers (a missed tick's time after downtime).
    public var scheduledFor: Date
    public var createdAt: Date

    /// Executions kept per trigger, the most recent: a schedule may fire every second, and each firing writes one.
    public static let retainedPerTrigger = 1_000

    /// An execution with every field given.
    public init(id: TriggerExecutionID = TriggerExecutionID(), triggerID: TriggerID, tenantID: String, jobID: JobID,
                status: Status, runID: RunID?, reason: String?, scheduledFor: Date, createdAt: Date) {
        self.id = id
        self.triggerID = triggerID
        self.tenantID = tenantID
        self.jobID = jobID
        self.status = status
        self.runID = runID
        self.reason = reason
        self.scheduledFor = scheduledFor
        self.createdAt = createdAt
    }
}
