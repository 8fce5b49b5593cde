import Foundation
import TrawlCore

extension InMemoryCrawlService {
    func listTriggers(_ query: TriggerQuery) async throws(ServiceError) -> [Trigger] {
        let matching = triggers.values.filter { trigger in
            trigger.tenantID == query.tenantID
                && (query.jobIDs.isEmpty || query.jobIDs.contains(trigger.jobID))
                && (query.includeIDs.isEmpty || query.includeIDs.contains(trigger.id))
                && !query.excludeIDs.contains(trigger.id)
                && (query.kinds.isEmpty || query.kinds.contains(trigger.condition.kind))
                && (query.watchedJobIDs.isEmpty || trigger.watchedJobID.map(query.watchedJobIDs.contains) == true)
                && query.enabled.map { trigger.enabled == $0 } ?? true
                && query.after.map { Self.precedes(($0.createdAt, $0.id.description), (trigger.createdAt, trigger.id.description)) } ?? true
        }
        return Array(matching.sorted { Self.precedes(($0.createdAt, $0.id.description), ($1.createdAt, $1.id.description)) }
            .prefix(query.limit))
    }

    func createTrigger(_ draft: TriggerDraft, jobID: JobID, tenantID: String) async throws(ServiceError) -> Trigger {
        _ = try await job(jobID, tenantID: tenantID)
        let condition: TriggerCondition
        do throws(ManifestError) { condition = try TriggerCondition(from: draft.condition) } catch {
            throw .validation(error.issues)
        }
        let createdAt = nextInstant()
        var trigger = Trigger(tenantID: tenantID, jobID: jobID, name: draft.name, condition: condition,
                              enabled: draft.enabled, nextFireAt: nil, createdAt: createdAt, updatedAt: createdAt)
        trigger.nextFireAt = trigger.initialFireTime(after: createdAt)
        triggers[trigger.id] = trigger
        return trigger
    }

    func trigger(_ id: TriggerID, tenantID: String) async throws(ServiceError) -> Trigger {
        guard let trigger = triggers[id], trigger.tenantID == tenantID else { throw .notFound("no trigger with ID \(id)") }
        return trigger
    }

    func deleteTrigger(_ id: TriggerID, tenantID: String) async throws(ServiceError) {
        _ = try await trigger(id, tenantID: tenantID)
        triggers[id] = nil
        executions.removeAll { $0.triggerID == id }
    }

    func setTrigger(_ id: TriggerID, enabled: Bool, tenantID: String) async throws(ServiceError) -> Trigger {
        var trigger = try await trigger(id, tenantID: tenantID)
        guard trigger.enabled != enabled else { return trigger }
        trigger.enabled = enabled
        trigger.nextFireAt = trigger.initialFireTime(after: nextInstant())
        triggers[id] = trigger
        return trigger
    }

    func listExecutions(of id: TriggerID, tenantID: String, after: (createdAt: Date, id: TriggerExecutionID)?,
                        limit: Int) async throws(ServiceError) -> [TriggerExecution] {
        _ = try await trigger(id, tenantID: tenantID)
        let matching = executions.filter { execution in
            execution.triggerID == id
                && after.map { Self.precedes(($0.createdAt, $0.id.description), (execution.createdAt, execution.id.description)) } ?? true
        }
        return Array(matching.sorted { Self.precedes(($0.createdAt, $0.id.description), ($1.createdAt, $1.id.description)) }
            .prefix(limit))
    }

    /// Records that `trigger` fired with `status` (what the runtime's scheduler does), for listing tests.
    func recordExecution(of id: TriggerID, status: TriggerExecution.Status) -> TriggerExecution {
        let trigger = triggers[id]!
        let createdAt = nextInstant()
        let execution = TriggerExecution(triggerID: id, tenantID: trigger.tenantID, jobID: trigger.jobID, status: status,
                                         runID: status == .started ? RunID() : nil,
                                         reason: status == .skipped ? "at most 1 active run(s) of this job" : nil,
                                         scheduledFor: createdAt, createdAt: createdAt)
        executions.append(execution)
        return execution
    }
}
