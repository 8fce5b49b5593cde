import TrawlCore

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
