import Foundation
import TrawlCore

extension TrawlService {
    public func listTriggers(_ query: TriggerQuery) async throws(ServiceError) -> [Trigger] {
        try await storeCall { () throws(StoreError) in try await store.triggers(matching: query) }
    }

    public func createTrigger(_ draft: TriggerDraft, jobID: JobID, tenantID: String) async throws(ServiceError) -> Trigger {
        _ = try await job(jobID, tenantID: tenantID)
        let condition = try Self.validated(draft)
        if case .onFinish(_, let watched?) = condition, watched != jobID,
           try await storeCall({ () throws(StoreError) in try await store.job(watched, tenantID: tenantID) }) == nil {
            throw .validation([.init(path: "condition.params.job_id", message: "no job with ID \(watched)")])
        }
        let now = Timestamp.now()
        var trigger = Trigger(tenantID: tenantID, jobID: jobID, name: draft.name, condition: condition,
                              enabled: draft.enabled, nextFireAt: nil, createdAt: now, updatedAt: now)
        try Self.checkFires(condition, after: now)
        trigger.nextFireAt = trigger.initialFireTime(after: now)
        let created = trigger
        let limit = limits.triggers
        guard try await storeCall({ () throws(StoreError) in try await store.insertTrigger(created, within: limit) }) else {
            throw .quotaExceeded("the tenant has \(limit ?? 0) triggers, the most this server allows; delete one first",
                                 retryAfter: nil)
        }
        await scheduler.wake()
        return created
    }

    public func trigger(_ id: TriggerID, tenantID: String) async throws(ServiceError) -> Trigger {
        guard let trigger = try await storeCall({ () throws(StoreError) in try await store.trigger(id, tenantID: tenantID) })
        else { throw .notFound("trigger \(id) not found") }
        return trigger
    }

    public func deleteTrigger(_ id: TriggerID, tenantID: String) async throws(ServiceError) {
        guard try await storeCall({ () throws(StoreError) in try await store.deleteTrigger(id, tenantID: tenantID) })
        else { throw .notFound("trigger \(id) not found") }
    }

    public func setTrigger(_ id: TriggerID, enabled: Bool, tenantID: String) async throws(ServiceError) -> Trigger {
        var trigger = try await trigger(id, tenantID: tenantID)
        guard trigger.enabled != enabled else { return trigger }
        let now = Timestamp.now()
        if enabled { try Self.checkFires(trigger.condition, after: now) }
        trigger.enabled = enabled
        trigger.updatedAt = now
        // Ticks that passed while disabled are not owed; a re-enabled schedule waits for its next tick.
        trigger.nextFireAt = trigger.initialFireTime(after: now)
        let updated = trigger
        try await storeCall { () throws(StoreError) in try await store.updateTrigger(updated) }
        await scheduler.wake()
        return updated
    }

    public func listExecutions(of id: TriggerID, tenantID: String, after: (createdAt: Date, id: TriggerExecutionID)?,
                               limit: Int) async throws(ServiceError) -> [TriggerExecution] {
        _ = try await trigger(id, tenantID: tenantID)
        return try await storeCall { () throws(StoreError) in try await store.executions(of: id, after: after, limit: limit) }
    }

    /// A schedule with no tick left (the 30th of February, a year gone by) would be stored enabled and never fire: it
    /// is refused, on creation and when it is enabled again.
    static func checkFires(_ condition: TriggerCondition, after now: Date) throws(ServiceError) {
        guard case .schedule(let expression, let cron) = condition, cron.next(after: now) == nil else { return }
        throw .validation([.init(path: "condition.params.expression",
                                 message: "'\(expression.prefix(100))' has no time after now, so it would never fire")])
    }

    static func validated(_ draft: TriggerDraft) throws(ServiceError) -> TriggerCondition {
        var issues: [ManifestError.Issue] = []
        let name = draft.name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.unicodeScalars.count > 200 { issues.append(.init(path: "name", message: "must be 1 to 200 characters")) }
        let condition: TriggerCondition
        do throws(ManifestError) {
            condition = try TriggerCondition(from: draft.condition)
        } catch {
            throw .validation(issues + error.issues)
        }
        if !issues.isEmpty { throw .validation(issues) }
        return condition
    }
}
