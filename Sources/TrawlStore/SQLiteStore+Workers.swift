import Foundation
import GRDB
import TrawlCore

extension SQLiteStore: WorkerRegistry {
    public func heartbeat(_ worker: WorkerRecord, forgetBefore: Date) async throws(StoreError) {
        try await write("record the heartbeat of \(worker.id)") { db in
            try db.execute(sql: """
                INSERT INTO workers (id, role, host, pid, listen, max_concurrent_runs, started_at, heartbeat_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, listen = excluded.listen
                """, arguments: [worker.id, worker.role.rawValue, worker.host, worker.pid, worker.listen,
                                 worker.maxConcurrentRuns, worker.startedAt.timeIntervalSince1970,
                                 worker.heartbeatAt.timeIntervalSince1970])
            try db.execute(sql: "DELETE FROM workers WHERE heartbeat_at < ?", arguments: [forgetBefore.timeIntervalSince1970])
        }
    }

    public func retireWorker(_ id: String) async throws(StoreError) {
        try await write("retire \(id)") { db in
            try db.execute(sql: "DELETE FROM workers WHERE id = ?", arguments: [id])
        }
    }

    public func workers(tenantID: String, now: Date) async throws(StoreError) -> [WorkerRecord] {
        try await read("list workers") { db in
            var held: [String: [RunID]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT executor, id FROM runs
                WHERE executor IS NOT NULL AND claimed_until >= ? AND tenant_id = ? ORDER BY created_at, id
                """, arguments: [now.timeIntervalSince1970, tenantID]) {
                if let id = RunID(row["id"] as String) { held[row["executor"] as String, default: []].append(id) }
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM workers ORDER BY started_at DESC, id DESC").compactMap { row in
                guard let role = WorkerRole(rawValue: row["role"] as String) else { return nil }
                let id: String = row["id"]
                return WorkerRecord(id: id, role: role, host: row["host"], pid: row["pid"], listen: row["listen"],
                                    maxConcurrentRuns: row["max_concurrent_runs"],
                                    startedAt: Date(timeIntervalSince1970: row["started_at"]),
                                    heartbeatAt: Date(timeIntervalSince1970: row["heartbeat_at"]), runs: held[id] ?? [])
            }
        }
    }
}
