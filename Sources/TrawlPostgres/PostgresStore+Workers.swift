import Foundation
import PostgresNIO
import TrawlCore

extension PostgresStore: WorkerRegistry {
    public func heartbeat(_ worker: WorkerRecord, forgetBefore: Date) async throws(StoreError) {
        let (startedAt, heartbeatAt, forgetBefore) = (clock.database(worker.startedAt), clock.database(worker.heartbeatAt),
                                                      clock.database(forgetBefore))
        try await transaction("record the heartbeat of \(worker.id)") { connection in
            try await Self.execute("""
                INSERT INTO workers (id, role, host, pid, listen, max_concurrent_runs, started_at, heartbeat_at)
                VALUES (\(worker.id), \(worker.role.rawValue), \(worker.host), \(worker.pid), \(worker.listen),
                        \(worker.maxConcurrentRuns), \(startedAt), \(heartbeatAt))
                ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, listen = excluded.listen
                """, on: connection, logger: self.logger)
            try await Self.execute("DELETE FROM workers WHERE heartbeat_at < \(forgetBefore)", on: connection,
                                   logger: self.logger)
        }
    }

    public func retireWorker(_ id: String) async throws(StoreError) {
        try await transaction("retire \(id)") { connection in
            try await Self.execute("DELETE FROM workers WHERE id = \(id)", on: connection, logger: self.logger)
        }
    }

    public func workers(tenantID: String, now: Date) async throws(StoreError) -> [WorkerRecord] {
        let now = clock.database(now)
        var held: [String: [RunID]] = [:]
        for row in try await rows("list held runs", """
            SELECT executor, id FROM runs
            WHERE executor IS NOT NULL AND claimed_until >= \(now) AND tenant_id = \(tenantID) ORDER BY created_at, id
            """) {
            held[try row.value("executor", as: String.self), default: []].append(RunID(try row.value("id", as: UUID.self)))
        }
        var parts: [String: [WorkerPart]] = [:]
        for row in try await rows("list shared-run parts", """
            SELECT s.executor, r.id, s.is_lead, array_remove(array_agg(o.origin ORDER BY o.origin), NULL) AS origins
            FROM run_shares s JOIN runs r ON r.key = s.run_key
            LEFT JOIN run_origins o ON o.run_key = s.run_key AND o.share = s.id AND o.lease_until >= \(now)
            WHERE NOT s.ended AND s.lease_until >= \(now) AND r.tenant_id = \(tenantID)
            GROUP BY s.id, s.executor, r.id, s.is_lead, r.created_at
            ORDER BY r.created_at, r.id
            """) {
            parts[try row.value("executor", as: String.self), default: []].append(WorkerPart(
                runID: RunID(try row.value("id", as: UUID.self)), isLead: try row.value("is_lead", as: Bool.self),
                origins: try row.value("origins", as: [String].self)))
        }
        var workers: [WorkerRecord] = []
        for row in try await rows("list workers", "SELECT * FROM workers ORDER BY started_at DESC, id DESC") {
            // A role this version does not know (a newer process's) is left out rather than misnamed.
            guard let role = WorkerRole(rawValue: try row.value("role", as: String.self)) else { continue }
            let id = try row.value("id", as: String.self)
            workers.append(WorkerRecord(
                id: id, role: role, host: try row.value("host", as: String.self), pid: try row.value("pid", as: Int.self),
                listen: try row.value("listen", as: String?.self),
                maxConcurrentRuns: try row.value("max_concurrent_runs", as: Int.self),
                startedAt: clock.local(try row.value("started_at", as: Date.self)),
                heartbeatAt: clock.local(try row.value("heartbeat_at", as: Date.self)),
                runs: held[id] ?? [], parts: parts[id] ?? []))
        }
        return workers
    }
}
