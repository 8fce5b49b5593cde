/// What makes a trigger fire.
public enum TriggerCondition: Sendable, Equatable {
    /// Each tick of a cron expression, in UTC; `expression` is the text as written, kept for display.
    case schedule(expression: String, cron: CronExpression)
    /// When a run of the watched job finishes (the trigger's own job when `watchedJobID` is nil), after `delay`.
    case onFinish(delay: Duration, watchedJobID: JobID?)

    /// The kind as the API spells it.
    public var kind: Kind {
        switch self {
        case .schedule: .schedule
        case .onFinish: .onFinish
        }
    }

    /// Condition kinds.
    public enum Kind: String, Sendable, CaseIterable {
        case schedule
        case onFinish = "on_finish"
    }
}
