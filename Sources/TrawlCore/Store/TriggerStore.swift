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
