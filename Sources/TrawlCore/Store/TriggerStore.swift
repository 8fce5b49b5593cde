import Foundation

/// Stores triggers and the record of their executions.
public protocol TriggerStore: TriggerFiringStore {
    /// Inserts `trigger` unless its tenant holds `limit` triggers already (false then), counted in the inserting
    /// transaction.
    func insertTrigger(_ trigger: Trigger, within limit: Int?) async throws(StoreError) -> Bool
    func trigger(_ id: TriggerID, tenantID: String) async throws(StoreError) -> Trigger?
    /// Replaces a trigger's name, condition, enabled flag and times.
    func updateTrigger(_ trigger: Trigger) async throws(StoreError)
    /// Deletes a trigger with its executions; false when there was no such trigger.
    func deleteTrigger(_ id: TriggerID, tenantID: String) async throws(StoreError) -> Bool
    /// A trigger's executions, most recent first, strictly after the keyset position `after`.
    func executions(of triggerID: TriggerID, after: (createdAt: Date, id: TriggerExecutionID)?,
                    limit: Int) async throws(StoreError) -> [TriggerExecution]
}

/// What the trigger scheduler reads and writes: due times, arming and the record of each firing.
public protocol TriggerFiringStore: Sendable {
    func triggers(matching query: TriggerQuery) async throws(StoreError) -> [Trigger]
    /// Enabled triggers due at or before `date`, across tenants, earliest first.
    func dueTriggers(at date: Date) async throws(StoreError) -> [Trigger]
    /// The earliest due time of any enabled trigger, across tenants.
    func nextDueTime() async throws(StoreError) -> Date?
    /// Makes an enabled `on_finish` trigger due at `date` unless it is due earlier already; touches nothing else of
    /// the row, so an edit made meanwhile (disabling it, say) stands.
    func arm(_ id: TriggerID, dueAt date: Date) async throws(StoreError)
    /// Records `execution` and moves the trigger's last and next fire times on, in one transaction, so a crash can
    /// neither fire a tick twice nor lose the record of one that fired. Only those two fields change, and only
    /// while the trigger is enabled: a user's edit made during the firing stands.
    ///
    /// A tick (the trigger and `scheduledFor`) is recorded once. When several processes fire the same tick, the later
    /// records change no times and add no row; a `started` one replaces a stored `failed` or `skipped` outcome (the
    /// process whose run insert lost the race records one of those, maybe first), so the tick shows its run.
    func record(_ execution: TriggerExecution, firing trigger: Trigger) async throws(StoreError)
}

extension TriggerStore {
    /// Inserts `trigger`, whatever its tenant holds.
    public func insertTrigger(_ trigger: Trigger) async throws(StoreError) {
        _ = try await insertTrigger(trigger, within: nil)
    }
}

/// Filters and keyset position for listing triggers, most recent first.
public struct TriggerQuery: Sendable {
    public var tenantID: String
    public var jobIDs: [JobID] = []
    public var includeIDs: [TriggerID] = []
    public var excludeIDs: [TriggerID] = []
    public var kinds: [TriggerCondition.Kind] = []
    /// Only `on_finish` triggers watching one of these jobs.
    public var watchedJobIDs: [JobID] = []
    public var enabled: Bool?
    /// Keyset cursor: only triggers strictly after this (created_at, id) in descending order.
    public var after: (createdAt: Date, id: TriggerID)?
    public var limit: Int = 10

    /// A query over one tenant's triggers.
    public init(tenantID: String) { self.tenantID = tenantID }
}
