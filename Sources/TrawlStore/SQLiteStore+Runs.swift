import Foundation
import GRDB
import TrawlCore

extension SQLiteStore: RunStore {
    public func insertRun(_ run: Run) async throws(StoreError) {
        let columns = try encode { try Self.columns(of: run) }
        try await write("create run \(run.id)") { db in try Self.insert(columns: columns, in: db) }
    }

    static func insert(columns: [DatabaseValue], in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO runs (id, job_id, tenant_id, status, stop_reason, labels, config, created_at, started_at,
                                  paused_at, finished_at, updated_at, error, progress)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: StatementArguments(columns))
    }

    public func run(_ id: RunID) async throws(StoreError) -> Run? {
        try await read("read run \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id.description]).map(Self.run(from:))
        }
    }

    public func updateRun(_ run: Run) async throws(StoreError) {
        let columns = try encode { try Self.stateColumns(of: run) }
        try await write("update run \(run.id)") { db in try Self.update(run, columns: columns, in: db) }
    }

    public func runs(matching query: RunQuery) async throws(StoreError) -> [Run] {
        var filter = ListFilter()
        filter.equals("tenant_id", query.tenantID)
        filter.anyOf("job_id", query.jobIDs.map(\.description))
        filter.anyOf("id", query.includeIDs.map(\.description))
        filter.anyOf("id", query.excludeIDs.map(\.description), negated: true)
        filter.anyOf("status", query.statuses.map(\.rawValue))
        filter.anyOf("stop_reason", query.stopReasons.map(\.rawValue))
        if let failed = query.failed { filter.isNull("runs.error", !failed) }
        for readiness in query.readyFor { filter.clause(Self.readinessCondition(readiness)) }
        filter.created(before: query.createdBefore, after: query.createdAfter)
        filter.runLabels(query.labels, tenantID: query.tenantID)
        if let cursor = query.after { filter.after(createdAt: cursor.createdAt, id: cursor.id.description) }
        let (sql, arguments) = filter.select(from: "runs", limit: query.limit)
        return try await read("list runs") { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.run(from:))
        }
    }

    /// Writes a run's state and progress (`stateColumns`). Its identity, labels and config are fixed when it is
    /// created: the crawl rewrites its run with every batch, and need not encode and write those each time.
    static func update(_ run: Run, columns: [DatabaseValue], in db: Database) throws {
        try db.execute(
            sql: """
                UPDATE runs SET status = ?, stop_reason = ?, started_at = ?, paused_at = ?, finished_at = ?,
                    updated_at = ?, error = ?, progress = ?
                WHERE id = ?
                """,
            arguments: StatementArguments(columns + [run.id.description.databaseValue]))
        if db.changesCount == 0 { throw StoreError(.notFound, "run \(run.id) does not exist") }
    }

    /// The columns `update` writes, in its order.
    static func stateColumns(of run: Run) throws -> [DatabaseValue] {
        let values: [(any DatabaseValueConvertible)?] = [
            run.status.rawValue, run.stopReason?.rawValue, RowCoding.timestamp(run.startedAt),
            RowCoding.timestamp(run.pausedAt), RowCoding.timestamp(run.finishedAt), Timestamp.format(run.updatedAt),
            try run.error.map { try RowCoding.json($0) }, run.progress.json,
        ]
        return values.map(RowCoding.value)
    }

    static func columns(of run: Run) throws -> [DatabaseValue] {
        let values: [(any DatabaseValueConvertible)?] = [run.id.description, run.jobID.description, run.tenantID, run.status.rawValue, run.stopReason?.rawValue,
         try RowCoding.json(run.labels), try RowCoding.config(run.config), Timestamp.format(run.createdAt),
         RowCoding.timestamp(run.startedAt), RowCoding.timestamp(run.pausedAt), RowCoding.timestamp(run.finishedAt),
         Timestamp.format(run.updatedAt), try run.error.map { try RowCoding.json($0) }, run.progress.json]
        return values.map(RowCoding.value)
    }

    static func run(from row: Row) throws -> Run {
        guard let id = RunID(row["id"] as String), let jobID = JobID(row["job_id"] as String),
              let status = RunStatus(rawValue: row["status"]) else { throw StoreError(.corrupt, "bad run row") }
        var run = Run(
            id: id, jobID: jobID, tenantID: row["tenant_id"], status: status,
            stopReason: (row["stop_reason"] as String?).flatMap(StopReason.init(rawValue:)),
            labels: try RowCoding.labels(json: row["labels"]),
            config: try RowCoding.config(json: row["config"]),
            createdAt: try RowCoding.date(row["created_at"]) ?? Date(),
            startedAt: try RowCoding.date(row["started_at"]), pausedAt: try RowCoding.date(row["paused_at"]),
            finishedAt: try RowCoding.date(row["finished_at"]), updatedAt: try RowCoding.date(row["updated_at"]) ?? Date(),
            error: try (row["error"] as String?).map { try RowCoding.decode(RunError.self, json: $0) },
            progress: try RunProgress(json: row["progress"]))
        if let pipeline = row["pipeline"] as String? { run.pipeline = try PipelineProgress(json: pipeline) }
        return run
    }
}

extension SQLiteStore: RunRemoval {
    public func deleteRun(_ id: RunID) async throws(StoreError) -> Bool {
        try await write("delete run \(id)") { db in
            if let runKey = try Int64.fetchOne(db, sql: "SELECT key FROM runs WHERE id = ?", arguments: [id.description]) {
                try Self.keepReferencedPayloads(of: runKey, in: db)
            }
            // Frontier rows and pages go with the run (ON DELETE CASCADE).
            try db.execute(sql: "DELETE FROM runs WHERE id = ?", arguments: [id.description])
            return db.changesCount > 0
        }
    }

    public func statistics() async throws(StoreError) -> CrawlStatistics {
        try await read("read run statistics") { db in
            var byStatus = Dictionary(uniqueKeysWithValues: RunStatus.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM runs GROUP BY status") {
                if let status = RunStatus(rawValue: row["status"]) { byStatus[status] = row["n"] }
            }
            // Served by the partial index on pending frontier rows: the cost follows the work left, not the history.
            let pending = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM frontier
                WHERE run_key IN (SELECT key FROM runs WHERE status != 'finished') AND state IN ('queued', 'spilled')
                """) ?? 0
            return CrawlStatistics(runsByStatus: byStatus, frontierURLs: pending)
        }
    }

    public func runs(withStatus statuses: [RunStatus]) async throws(StoreError) -> [Run] {
        guard !statuses.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: statuses.count).joined(separator: ",")
        let arguments = StatementArguments(statuses.map(\.rawValue))
        return try await read("list runs by status") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs WHERE status IN (\(marks)) ORDER BY created_at, id",
                             arguments: arguments).map(Self.run(from:))
        }
    }
}

extension SQLiteStore {
    /// Before a run's pages go: each body that other runs' revisits point at moves to the first of those pages (which
    /// then points at itself), and the others are pointed there. A deleted run never takes a later run's payload.
    static func keepReferencedPayloads(of runKey: Int64, in db: Database) throws {
        let moves = try Row.fetchAll(db, sql: """
            SELECT r.payload_seq AS old, min(r.seq) AS new
            FROM pages r JOIN pages o ON o.seq = r.payload_seq
            WHERE o.run_key = ? AND r.run_key != ? AND r.payload_seq IS NOT NULL
            GROUP BY r.payload_seq
            """, arguments: [runKey, runKey])
        for move in moves {
            let old: Int64 = move["old"], new: Int64 = move["new"]
            try db.execute(sql: "UPDATE pages SET body = (SELECT body FROM pages WHERE seq = ?) WHERE seq = ?",
                           arguments: [old, new])
            // The others now revisit the new holder's capture, which an archive of its run holds as a response.
            try db.execute(sql: """
                UPDATE pages SET payload_seq = ?, payload_url = (SELECT url FROM pages WHERE seq = ?),
                                 payload_fetched_at = (SELECT fetched_at FROM pages WHERE seq = ?)
                WHERE payload_seq = ? AND seq != ?
                """, arguments: [new, new, new, old, new])
            try db.execute(sql: "UPDATE pages SET payload_seq = ? WHERE seq = ?", arguments: [new, new])
        }
    }
}

extension SQLiteStore {
    /// `SearchReadiness.holds` over the run's pipeline column, for the runs list's `ready_for` filter.
    static func readinessCondition(_ readiness: SearchReadiness) -> String {
        switch readiness {
        case .textSearch:
            "(json_extract(runs.pipeline, '$.textIndexedAt') IS NOT NULL AND json_extract(runs.pipeline, '$.documents.indexed') > 0)"
        case .semanticSearch:
            "(json_extract(runs.pipeline, '$.semanticReadyAt') IS NOT NULL AND json_extract(runs.pipeline, '$.documents.embedded') > 0)"
        }
    }
}
