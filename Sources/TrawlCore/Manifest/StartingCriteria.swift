/// When a run may start: limits on how many runs of a group may be active (pending, running or paused) at once.
public struct StartingCriteria: Sendable, Equatable {
    /// Every limit must hold for a new run to be admitted.
    public var exclusive: [ExclusiveRule]

    /// Criteria with the given rules (none by default: any number of runs may be active).
    public init(exclusive: [ExclusiveRule] = []) { self.exclusive = exclusive }
}

/// At most `limit` active runs per group; a manual start beyond it is refused, a trigger records a skip.
public struct ExclusiveRule: Sendable, Equatable {
    /// What makes two runs members of the same group.
    public enum Grouping: Sendable, Equatable {
        /// Every run of the tenant.
        case tenant
        /// Every run of the same job.
        case job
        /// Runs whose labels agree with the new run's on `keys` (on all of its labels when `keys` is empty).
        case labels(keys: [String])
    }

    public var by: Grouping
    public var limit: Int

    /// A rule with every field given.
    public init(by: Grouping, limit: Int) {
        self.by = by
        self.limit = limit
    }
}
