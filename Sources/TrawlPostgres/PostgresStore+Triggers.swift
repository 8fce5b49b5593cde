import Foundation
import PostgresNIO
import TrawlCore

extension PostgresStore: TriggerStore {
    public func insertTrigger(_ trigger: Trigger, within limit: Int?) async throws(StoreError) -> Bool {
        let condition = try PostgresCoding.json(trigger.condition.configValue)
        return try await transaction("create trigger \(trigger.id)") { connection in
            if let limit, try await Self.holds(.triggers, tenant: trigger.tenantID, atLeast: limit, on: connection,
                                               logger: self.logger) {
                return false
            }
            _ = try await Self.execute("""
                INSERT INTO triggers (id, tenant_id, job_id, name, kind, condition, watched_job_id, enabled,
                                      next_fire_at, last_fired_at, created_at, updated_at)
                VALUES (\(trigger.id.uuid), \(trigger.tenantID), \(trigger.jobID.uuid), \(trigger.name),
                        \(trigger.condition.kind.rawValue), \(condition), \(trigger.watchedJobID?.uuid), \(trigger.enabled),
                        \(trigger.nextFireAt), \(trigger.lastFiredAt), \(trigger.createdAt), \(trigger.updatedAt))
                """, on: connection, logger: self.logger)
            return true
        }
    }

    public func trigger(_ id: TriggerID, tenantID: String) async throws(StoreError) -> Trigger? {
        try await rows("read trigger \(id)", "SELECT * FROM triggers WHERE id = \(id.uuid) AND tenant_id = \(tenantID)")
            .first.map { row throws(StoreError) in try Self.trigger(from: row) }
    }

    public func triggers(matching query: TriggerQuery) async throws(StoreError) -> [Trigger] {
        var filter = PostgresListFilter()
        filter.equals("tenant_id", query.tenantID)
        filter.anyOf("job_id", query.jobIDs.map(\.uuid))
        filter.anyOf("id", query.includeIDs.map(\.uuid))
        filter.anyOf("id", query.excludeIDs.map(\.uuid), negated: true)
        filter.anyOf("kind", query.kinds.map(\.rawValue))
        filter.anyOf("watched_job_id", query.watchedJobIDs.map(\.uuid))
        if let enabled = query.enabled { filter.clause(enabled ? "enabled" : "NOT enabled") }
        if let cursor = query.after { filter.after(createdAt: cursor.createdAt, id: cursor.id.uuid) }
        return try await rows("list triggers", filter.select(from: "triggers", limit: query.limit))
            .map { row throws(StoreError) in try Self.trigger(from: row) }
    }

    /// As the SQLite adapter: every column but the ID is replaced, matched by ID alone.
    public func updateTrigger(_ trigger: Trigger) async throws(StoreError) {
        let condition = try PostgresCoding.json(trigger.condition.configValue)
        let changed = try await transaction("update trigger \(trigger.id)") { connection in
            try await Self.execute("""
                UPDATE triggers SET tenant_id = \(trigger.tenantID), job_id = \(trigger.jobID.uuid), name = \(trigger.name),
                    kind = \(trigger.condition.kind.rawValue), condition = \(condition),
                    watched_job_id = \(trigger.watchedJobID?.uuid), enabled = \(trigger.enabled),
                    next_fire_at = \(trigger.nextFireAt), last_fired_at = \(trigger.lastFiredAt),
                    created_at = \(trigger.createdAt), updated_at = \(trigger.updatedAt)
                WHERE id = \(trigger.id.uuid) RETURNING 1
                """, on: connection, logger: self.logger)
        }
        if changed == 0 { throw StoreError(.notFound, "trigger \(trigger.id) does not exist") }
    }

    public func deleteTrigger(_ id: TriggerID, tenantID: String) async throws(StoreError) -> Bool {
        // Its executions go with it (ON DELETE CASCADE).
        try await transaction("delete trigger \(id)") { connection in
            try await Self.execute("DELETE FROM triggers WHERE id = \(id.uuid) AND tenant_id = \(tenantID) RETURNING 1",
                                   on: connection, logger: self.logger)
        } > 0
    }

    public func dueTriggers(at date: Date) async throws(StoreError) -> [Trigger] {
        try await rows("list due triggers", """
            SELECT * FROM triggers WHERE enabled AND next_fire_at IS NOT NULL AND next_fire_at <= \(date)
            ORDER BY next_fire_at, id
            """).map { row throws(StoreError) in try Self.trigger(from: row) }
    }

    public func nextDueTime() async throws(StoreError) -> Date? {
        let rows = try await rows("read the next due time",
                                  "SELECT min(next_fire_at) AS due FROM triggers WHERE enabled AND next_fire_at IS NOT NULL")
        return try rows.first?.value("due", as: Date?.self) ?? nil
    }

    public func arm(_ id: TriggerID, dueAt date: Date) async throws(StoreError) {
        try await transaction("arm trigger \(id)") { connection in
            _ = try await Self.execute("""
                UPDATE triggers SET next_fire_at = \(date)
                WHERE id = \(id.uuid) AND enabled AND kind = 'on_finish' AND (next_fire_at IS NULL OR next_fire_at > \(date))
                """, on: connection, logger: self.logger)
        }
    }

    /// As the SQLite adapter, and safe when several processes fire the same trigger at once: the trigger's row is
    /// locked first, and a firing is recorded (with the fire times moved on) only when no execution of the same trigger
    /// answers the same `scheduledFor` yet. That pair is the firing's identity (its run ID derives from it), so of two
    /// processes firing one tick the second to get the lock adds no execution and leaves the times as the first set
    /// them; it only turns the tick's record into `started` when it started the run and the first did not.
    public func record(_ execution: TriggerExecution, firing trigger: Trigger) async throws(StoreError) {
        try await transaction("record an execution of trigger \(trigger.id)") { connection in
            // Serialises concurrent recorders of this trigger; under READ COMMITTED the statements after it see
            // what the lock holder committed. A missing trigger fails the insert below on its foreign key, as in SQLite.
            try await Self.execute("SELECT 1 FROM triggers WHERE id = \(trigger.id.uuid) FOR UPDATE",
                                   on: connection, logger: self.logger)
            let inserted = try await Self.execute("""
                INSERT INTO trigger_executions (id, trigger_id, tenant_id, job_id, status, run_id, reason,
                                                scheduled_for, created_at)
                SELECT \(execution.id.uuid), \(execution.triggerID.uuid), \(execution.tenantID), \(execution.jobID.uuid),
                       \(execution.status.rawValue), \(execution.runID?.uuid), \(execution.reason),
                       \(execution.scheduledFor), \(execution.createdAt)
                WHERE NOT EXISTS (SELECT 1 FROM trigger_executions
                                  WHERE trigger_id = \(execution.triggerID.uuid) AND scheduled_for = \(execution.scheduledFor))
                RETURNING 1
                """, on: connection, logger: self.logger)
            guard inserted > 0 else {
                // Another process fired this tick and recorded it first. The one whose run insert lost the race
                // records `failed` (its run ID was taken) or `skipped` (the winner's run filled the slot), and may
                // well be first to get here: a `started` outcome replaces such a record, so the tick shows its run.
                if execution.status == .started {
                    try await Self.execute("""
                        UPDATE trigger_executions SET status = \(execution.status.rawValue), run_id = \(execution.runID?.uuid),
                            reason = \(execution.reason)
                        WHERE trigger_id = \(execution.triggerID.uuid) AND scheduled_for = \(execution.scheduledFor)
                          AND status <> 'started'
                        """, on: connection, logger: self.logger)
                }
                self.logger.debug("another process recorded this firing already", metadata: [
                    "trigger": "\(trigger.id)", "scheduled_for": "\(execution.scheduledFor)",
                ])
                return
            }
            // Only the most recent are kept: one index seek past them, and usually one row deleted.
            try await Self.execute("""
                DELETE FROM trigger_executions WHERE trigger_id = \(execution.triggerID.uuid) AND created_at < (
                    SELECT created_at FROM trigger_executions WHERE trigger_id = \(execution.triggerID.uuid)
                    ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET \(TriggerExecution.retainedPerTrigger - 1))
                """, on: connection, logger: self.logger)
            try await Self.execute("""
                UPDATE triggers SET next_fire_at = \(trigger.nextFireAt), last_fired_at = \(trigger.lastFiredAt)
                WHERE id = \(trigger.id.uuid) AND enabled
                """, on: connection, logger: self.logger)
        }
    }

    public func executions(of triggerID: TriggerID, after: (createdAt: Date, id: TriggerExecutionID)?,
                           limit: Int) async throws(StoreError) -> [TriggerExecution] {
        var filter = PostgresListFilter()
        filter.equals("trigger_id", triggerID.uuid)
        if let after { filter.after(createdAt: after.createdAt, id: after.id.uuid) }
        return try await rows("list executions of trigger \(triggerID)", filter.select(from: "trigger_executions", limit: limit))
            .map { row throws(StoreError) in try Self.execution(from: row) }
    }

    // MARK: Rows

    static func trigger(from row: PostgresRandomAccessRow) throws(StoreError) -> Trigger {
        let json: JSONColumn = try row.value("condition")
        let condition: TriggerCondition
        do {
            condition = try TriggerCondition(from: try JSONReader.value(of: json.text))
        } catch let error as ManifestError {
            throw StoreError(.corrupt, "a stored trigger condition no longer validates: \(error)")
        } catch {
            throw StoreError(.corrupt, "a stored trigger condition is not JSON: \(error)")
        }
        return Trigger(id: TriggerID(try row.value("id", as: UUID.self)), tenantID: try row.value("tenant_id"),
                       jobID: JobID(try row.value("job_id", as: UUID.self)), name: try row.value("name"),
                       condition: condition, enabled: try row.value("enabled"),
                       nextFireAt: try row.value("next_fire_at", as: Date?.self),
                       lastFiredAt: try row.value("last_fired_at", as: Date?.self),
                       createdAt: try row.value("created_at"), updatedAt: try row.value("updated_at"))
    }

    static func execution(from row: PostgresRandomAccessRow) throws(StoreError) -> TriggerExecution {
        guard let status = TriggerExecution.Status(rawValue: try row.value("status")) else {
            throw StoreError(.corrupt, "bad trigger execution row")
        }
        return TriggerExecution(id: TriggerExecutionID(try row.value("id", as: UUID.self)),
                                triggerID: TriggerID(try row.value("trigger_id", as: UUID.self)),
                                tenantID: try row.value("tenant_id"), jobID: JobID(try row.value("job_id", as: UUID.self)),
                                status: status, runID: try row.value("run_id", as: UUID?.self).map(RunID.init),
                                reason: try row.value("reason", as: String?.self),
                                scheduledFor: try row.value("scheduled_for"), createdAt: try row.value("created_at"))
    }
}
