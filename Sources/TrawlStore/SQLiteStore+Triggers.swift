import Foundation
import GRDB
import TrawlCore

extension SQLiteStore: TriggerStore {
    public func insertTrigger(_ trigger: Trigger, within limit: Int?) async throws(StoreError) -> Bool {
        let columns = try encode { try Self.columns(of: trigger) }
        return try await write("create trigger \(trigger.id)") { db in
            if let limit, try Self.holds(.triggers, tenant: trigger.tenantID, atLeast: limit, in: db) { return false }
            try db.execute(
                sql: """
                    INSERT INTO triggers (id, tenant_id, job_id, name, kind, condition, watched_job_id, enabled,
                                          next_fire_at, last_fired_at, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: StatementArguments(columns))
            return true
        }
    }

    public func trigger(_ id: TriggerID, tenantID: String) async throws(StoreError) -> Trigger? {
        try await read("read trigger \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM triggers WHERE id = ? AND tenant_id = ?",
                             arguments: [id.description, tenantID]).map(Self.trigger(from:))
        }
    }

    public func triggers(matching query: TriggerQuery) async throws(StoreError) -> [Trigger] {
        var filter = ListFilter()
        filter.equals("tenant_id", query.tenantID)
        filter.anyOf("job_id", query.jobIDs.map(\.description))
        filter.anyOf("id", query.includeIDs.map(\.description))
        filter.anyOf("id", query.excludeIDs.map(\.description), negated: true)
        filter.anyOf("kind", query.kinds.map(\.rawValue))
        filter.anyOf("watched_job_id", query.watchedJobIDs.map(\.description))
        if let enabled = query.enabled { filter.equals("enabled", enabled) }
        if let cursor = query.after { filter.after(createdAt: cursor.createdAt, id: cursor.id.description) }
        let (sql, arguments) = filter.select(from: "triggers", limit: query.limit)
        return try await read("list triggers") { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.trigger(from:))
        }
    }

    public func updateTrigger(_ trigger: Trigger) async throws(StoreError) {
        let columns = try encode { try Self.columns(of: trigger) }
        try await write("update trigger \(trigger.id)") { db in try Self.update(trigger, columns: columns, in: db) }
    }

    public func deleteTrigger(_ id: TriggerID, tenantID: String) async throws(StoreError) -> Bool {
        try await write("delete trigger \(id)") { db in
            try db.execute(sql: "DELETE FROM triggers WHERE id = ? AND tenant_id = ?", arguments: [id.description, tenantID])
            return db.changesCount > 0
        }
    }

    public func dueTriggers(at date: Date) async throws(StoreError) -> [Trigger] {
        let stamp = Timestamp.format(date)
        return try await read("list due triggers") { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM triggers WHERE enabled = 1 AND next_fire_at IS NOT NULL AND next_fire_at <= ?
                ORDER BY next_fire_at, id
                """, arguments: [stamp]).map(Self.trigger(from:))
        }
    }

    public func nextDueTime() async throws(StoreError) -> Date? {
        let text = try await read("read the next due time") { db in
            try String.fetchOne(db, sql: "SELECT min(next_fire_at) FROM triggers WHERE enabled = 1 AND next_fire_at IS NOT NULL")
        }
        do { return try RowCoding.date(text) } catch { throw Self.storeError(error, doing: "read the next due time") }
    }

    public func arm(_ id: TriggerID, dueAt date: Date) async throws(StoreError) {
        let stamp = Timestamp.format(date)
        try await write("arm trigger \(id)") { db in
            try db.execute(sql: """
                UPDATE triggers SET next_fire_at = ?
                WHERE id = ? AND enabled = 1 AND kind = 'on_finish' AND (next_fire_at IS NULL OR next_fire_at > ?)
                """, arguments: [stamp, id.description, stamp])
        }
    }

    public func record(_ execution: TriggerExecution, firing trigger: Trigger) async throws(StoreError) {
        try await write("record an execution of trigger \(trigger.id)") { db in
            let tick: [any DatabaseValueConvertible] = [execution.triggerID.description, Timestamp.format(execution.scheduledFor)]
            let recorded = try Row.fetchOne(db, sql: """
                SELECT 1 FROM trigger_executions WHERE trigger_id = ? AND scheduled_for = ?
                """, arguments: StatementArguments(tick)) != nil
            guard !recorded else {
                // Another process fired this tick and recorded it first (see the protocol).
                if execution.status == .started {
                    try db.execute(sql: """
                        UPDATE trigger_executions SET status = ?, run_id = ?, reason = ?
                        WHERE trigger_id = ? AND scheduled_for = ? AND status <> 'started'
                        """, arguments: RowCoding.arguments([execution.status.rawValue, execution.runID?.description,
                                                            execution.reason] + tick))
                }
                return
            }
            try db.execute(
                sql: """
                    INSERT INTO trigger_executions (id, trigger_id, tenant_id, job_id, status, run_id, reason,
                                                    scheduled_for, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: RowCoding.arguments([
                    execution.id.description, execution.triggerID.description, execution.tenantID,
                    execution.jobID.description, execution.status.rawValue, execution.runID?.description,
                    execution.reason, Timestamp.format(execution.scheduledFor), Timestamp.format(execution.createdAt),
                ]))
            // Only the most recent are kept: one index seek past them, and usually one row deleted.
            try db.execute(sql: """
                DELETE FROM trigger_executions WHERE trigger_id = ? AND created_at < (
                    SELECT created_at FROM trigger_executions WHERE trigger_id = ?
                    ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?)
                """, arguments: [execution.triggerID.description, execution.triggerID.description,
                                 TriggerExecution.retainedPerTrigger - 1])
            try db.execute(sql: "UPDATE triggers SET next_fire_at = ?, last_fired_at = ? WHERE id = ? AND enabled = 1",
                           arguments: [RowCoding.timestamp(trigger.nextFireAt), RowCoding.timestamp(trigger.lastFiredAt),
                                       trigger.id.description])
        }
    }

    public func executions(of triggerID: TriggerID, after: (createdAt: Date, id: TriggerExecutionID)?,
                           limit: Int) async throws(StoreError) -> [TriggerExecution] {
        var filter = ListFilter()
        filter.equals("trigger_id", triggerID.description)
        if let after { filter.after(createdAt: after.createdAt, id: after.id.description) }
        let (sql, arguments) = filter.select(from: "trigger_executions", limit: limit)
        return try await read("list executions of trigger \(triggerID)") { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.execution(from:))
        }
    }

    // MARK: Rows

    static func update(_ trigger: Trigger, columns: [DatabaseValue], in db: Database) throws {
        try db.execute(
            sql: """
                UPDATE triggers SET tenant_id = ?, job_id = ?, name = ?, kind = ?, condition = ?, watched_job_id = ?,
                    enabled = ?, next_fire_at = ?, last_fired_at = ?, created_at = ?, updated_at = ?
                WHERE id = ?
                """,
            arguments: StatementArguments(Array(columns.dropFirst()) + [trigger.id.description.databaseValue]))
        if db.changesCount == 0 { throw StoreError(.notFound, "trigger \(trigger.id) does not exist") }
    }

    static func columns(of trigger: Trigger) throws -> [DatabaseValue] {
        let values: [(any DatabaseValueConvertible)?] = [
            trigger.id.description, trigger.tenantID, trigger.jobID.description, trigger.name,
            trigger.condition.kind.rawValue, try RowCoding.json(trigger.condition.configValue),
            trigger.watchedJobID?.description, trigger.enabled, RowCoding.timestamp(trigger.nextFireAt),
            RowCoding.timestamp(trigger.lastFiredAt), Timestamp.format(trigger.createdAt),
            Timestamp.format(trigger.updatedAt),
        ]
        return values.map(RowCoding.value)
    }

    static func trigger(from row: Row) throws -> Trigger {
        guard let id = TriggerID(row["id"] as String), let jobID = JobID(row["job_id"] as String) else {
            throw StoreError(.corrupt, "bad trigger row")
        }
        let condition: TriggerCondition
        do {
            condition = try TriggerCondition(from: try JSONReader.value(of: row["condition"]))
        } catch let error as ManifestError {
            throw StoreError(.corrupt, "a stored trigger condition no longer validates: \(error)")
        }
        return Trigger(id: id, tenantID: row["tenant_id"], jobID: jobID, name: row["name"], condition: condition,
                       enabled: row["enabled"], nextFireAt: try RowCoding.date(row["next_fire_at"]),
                       lastFiredAt: try RowCoding.date(row["last_fired_at"]),
                       createdAt: try RowCoding.date(row["created_at"]) ?? Date(),
                       updatedAt: try RowCoding.date(row["updated_at"]) ?? Date())
    }

    static func execution(from row: Row) throws -> TriggerExecution {
        guard let id = TriggerExecutionID(row["id"] as String), let triggerID = TriggerID(row["trigger_id"] as String),
              let jobID = JobID(row["job_id"] as String),
              let status = TriggerExecution.Status(rawValue: row["status"]) else {
            throw StoreError(.corrupt, "bad trigger execution row")
        }
        return TriggerExecution(id: id, triggerID: triggerID, tenantID: row["tenant_id"], jobID: jobID, status: status,
                                runID: (row["run_id"] as String?).flatMap(RunID.init),
                                reason: row["reason"], scheduledFor: try RowCoding.date(row["scheduled_for"]) ?? Date(),
                                createdAt: try RowCoding.date(row["created_at"]) ?? Date())
    }
}
