import Foundation

/// Starts runs of a job on its own: on a cron schedule, or when a run finishes.
public struct Trigger: Sendable, Equatable {
    public var id: TriggerID
    public var tenantID: String
    /// The job whose runs the trigger starts.
    public var jobID: JobID
    public var name: String
    public var condition: TriggerCondition
    public var enabled: Bool
    /// When the trigger is next due; nil when nothing is due (a disabled trigger, an `on_finish` trigger whose
    /// watched job has not finished a run since it last fired). Persisted, so a due time survives a restart.
    public var nextFireAt: Date?
    public var lastFiredAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    /// A trigger with every field given.
    public init(id: TriggerID = TriggerID(), tenantID: String, jobID: JobID, name: String, condition: TriggerCondition,
                enabled: Bool, nextFireAt: Date?, lastFiredAt: Date? = nil, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.tenantID = tenantID
        self.jobID = jobID
        self.name = name
        self.condition = condition
        self.enabled = enabled
        self.nextFireAt = nextFireAt
        self.lastFiredAt = lastFiredAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension Trigger {
    /// The first due time of a newly created or re-enabled trigger: the next tick after `now` for a schedule
    /// (ticks missed while disabled are not owed); nothing for `on_finish`, which waits for a run to finish.
    public func initialFireTime(after now: Date) -> Date? {
        guard enabled, case .schedule(_, let cron) = condition else { return nil }
        return cron.next(after: now)
    }

    /// The job whose finished runs make an `on_finish` trigger due; nil for a schedule.
    public var watchedJobID: JobID? {
        guard case .onFinish(_, let watched) = condition else { return nil }
        return watched ?? jobID
    }
}
