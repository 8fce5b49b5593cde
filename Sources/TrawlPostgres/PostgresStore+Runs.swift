import Foundation
import PostgresNIO
import TrawlCore

extension PostgresStore: RunStore {
    public func insertRun(_ run: Run) async throws(StoreError) {
        let query = try Self.insertion(of: run)
        try await transaction("create run \(run.id)") { connection in
            try await Self.execute(query, on: connection, logger: self.logger)
        }
    }

    static func insertion(of run: Run) throws(StoreError) -> PostgresQuery {
        let labels = try PostgresCoding.json(run.labels)
        let config = try PostgresCoding.config(run.config)
        let error = try run.error.map { error throws(StoreError) in try PostgresCoding.json(error) }
        let progress = try PostgresCoding.json(run.progress)
        return """
            INSERT INTO runs (id, job_id, tenant_id, status, stop_reason, labels, config, created_at, started_at,
                              paused_at, finished_at, updated_at, error, progress)
            VALUES (\(run.id.uuid), \(run.jobID.uuid), \(run.tenantID), \(run.status.rawValue), \(run.stopReason?.rawValue),
                    \(labels), \(config), \(run.createdAt), \(run.startedAt), \(run.pausedAt), \(run.finishedAt),
                    \(run.updatedAt), \(error), \(progress))
            """
    }

    public func run(_ id: RunID) async throws(StoreError) -> Run? {
        try await rows("read run \(id)", "SELECT * FROM runs WHERE id = \(id.uuid)")
            .first.map { row throws(StoreError) in try Self.run(from: row) }
    }

    /// A shared run's counters are its parts' sum whoever writes its state: the run's row is locked and the sum taken
    /// as in a part's batch, so a status change never overwrites them with one process's view.
    public func updateRun(_ run: Run) async throws(StoreError) {
        let logger = logger
        try await transaction("update run \(run.id)") { connection in
            let (runKey, stored, shared) = try await Self.lockedRun(run.id, on: connection, logger: logger)
            var state = run
            if shared {
                // A part may have ended the run meanwhile: that end stands.
                if stored.status == .finished && run.status != .finished { return }
                state.progress = try await Self.combinedProgress(runKey: runKey, on: connection, logger: logger)
            }
            try await Self.execute(try Self.stateUpdate(of: state), on: connection, logger: logger)
        }
    }

    /// Writes a run's state and progress inside a caller's transaction (a crawl batch's), failing when it is gone.
    static func updateState(of run: Run, on connection: PostgresConnection, logger: Logger) async throws {
        if try await execute(try stateUpdate(of: run), on: connection, logger: logger) == 0 {
            throw StoreError(.notFound, "run \(run.id) does not exist")
        }
    }

    /// A run's state and progress; its identity, labels and config are fixed when it is created, and the crawl rewrites
    /// its run with every batch, so those are not encoded and written each time.
    static func stateUpdate(of run: Run) throws(StoreError) -> PostgresQuery {
        let error = try run.error.map { error throws(StoreError) in try PostgresCoding.json(error) }
        let progress = try PostgresCoding.json(run.progress)
        return """
            UPDATE runs SET status = \(run.status.rawValue), stop_reason = \(run.stopReason?.rawValue),
                started_at = \(run.startedAt), paused_at = \(run.pausedAt), finished_at = \(run.finishedAt),
                updated_at = \(run.updatedAt), error = \(error), progress = \(progress)
            WHERE id = \(run.id.uuid) RETURNING 1
            """
    }

    public func runs(matching query: RunQuery) async throws(StoreError) -> [Run] {
        var filter = PostgresListFilter()
        filter.equals("tenant_id", query.tenantID)
        filter.anyOf("job_id", query.jobIDs.map(\.uuid))
        filter.anyOf("id", query.includeIDs.map(\.uuid))
        filter.anyOf("id", query.excludeIDs.map(\.uuid), negated: true)
        filter.anyOf("status", query.statuses.map(\.rawValue))
        filter.anyOf("stop_reason", query.stopReasons.map(\.rawValue))
        if let failed = query.failed { filter.isNull("error", !failed) }
        for readiness in query.readyFor { filter.clause(Self.readinessCondition(readiness)) }
        filter.created(before: query.createdBefore, after: query.createdAfter)
        try filter.labels(query.labels)
        if let cursor = query.after { filter.after(createdAt: cursor.createdAt, id: cursor.id.uuid) }
        return try await rows("list runs", filter.select(from: "runs", limit: query.limit))
            .map { row throws(StoreError) in try Self.run(from: row) }
    }

    static func run(from row: PostgresRandomAccessRow) throws(StoreError) -> Run {
        guard let status = RunStatus(rawValue: try row.value("status")) else { throw StoreError(.corrupt, "bad run status") }
        var run = Run(
            id: RunID(try row.value("id", as: UUID.self)), jobID: JobID(try row.value("job_id", as: UUID.self)),
            tenantID: try row.value("tenant_id"), status: status,
            stopReason: try row.value("stop_reason", as: String?.self).flatMap(StopReason.init(rawValue:)),
            labels: try PostgresCoding.decode([String: String].self, try row.value("labels")),
            config: try PostgresCoding.config(try row.value("config")),
            createdAt: try row.value("created_at"), startedAt: try row.value("started_at"),
            pausedAt: try row.value("paused_at"), finishedAt: try row.value("finished_at"),
            updatedAt: try row.value("updated_at"),
            error: try row.value("error", as: JSONColumn?.self).map { column throws(StoreError) in
                try PostgresCoding.decode(RunError.self, column)
            },
            progress: try PostgresCoding.decode(RunProgress.self, try row.value("progress")))
        if let pipeline = try row.value("pipeline", as: JSONColumn?.self) {
            run.pipeline = try PipelineProgress(json: pipeline.text)
        }
        return run
    }

    /// `SearchReadiness.holds` over the run's pipeline column, for the runs list's `ready_for` filter.
    static func readinessCondition(_ readiness: SearchReadiness) -> String {
        switch readiness {
        case .textSearch:
            "(runs.pipeline->>'textIndexedAt' IS NOT NULL AND (runs.pipeline->'documents'->>'indexed')::bigint > 0)"
        case .semanticSearch:
            "(runs.pipeline->>'semanticReadyAt' IS NOT NULL AND (runs.pipeline->'documents'->>'embedded')::bigint > 0)"
        }
    }
}

extension PostgresStore: RunRemoval {
    public func deleteRun(_ id: RunID) async throws(StoreError) -> Bool {
        try await transaction("delete run \(id)") { connection in
            for row in try await Self.rows(of: "SELECT key FROM runs WHERE id = \(id.uuid) FOR UPDATE",
                                           on: connection, logger: self.logger) {
                try await Self.keepReferencedPayloads(of: try row.value("key", as: Int64.self), on: connection,
                                                      logger: self.logger)
            }
            // Frontier rows and pages go with the run (ON DELETE CASCADE).
            return try await Self.execute("DELETE FROM runs WHERE id = \(id.uuid) RETURNING 1",
                                          on: connection, logger: self.logger)
        } > 0
    }

    public func statistics() async throws(StoreError) -> CrawlStatistics {
        try await connection("read run statistics") { connection in
            var byStatus = Dictionary(uniqueKeysWithValues: RunStatus.allCases.map { ($0, 0) })
            for row in try await Self.rows(of: "SELECT status, count(*) AS n FROM runs GROUP BY status",
                                           on: connection, logger: self.logger) {
                if let status = RunStatus(rawValue: try row.value("status")) { byStatus[status] = Int(try row.value("n", as: Int64.self)) }
            }
            // Served by the partial index on pending frontier rows: the cost follows the work left, not the history.
            let pending = try await Self.rows(of: """
                SELECT count(*) AS n FROM frontier
                WHERE run_key IN (SELECT key FROM runs WHERE status <> 'finished') AND state IN ('queued', 'spilled')
                """, on: connection, logger: self.logger).first.map { row throws(StoreError) in try row.value("n", as: Int64.self) } ?? 0
            return CrawlStatistics(runsByStatus: byStatus, frontierURLs: Int(pending))
        }
    }

    public func runs(withStatus statuses: [RunStatus]) async throws(StoreError) -> [Run] {
        guard !statuses.isEmpty else { return [] }
        return try await rows("list runs by status", """
            SELECT * FROM runs WHERE status = ANY(\(statuses.map(\.rawValue))) ORDER BY created_at, id
            """).map { row throws(StoreError) in try Self.run(from: row) }
    }

    /// Before a run's pages go: each body that other runs' revisits point at moves to the first of those pages (which
    /// then points at itself), and the others are pointed there. A deleted run never takes a later run's payload.
    static func keepReferencedPayloads(of runKey: Int64, on connection: PostgresConnection, logger: Logger) async throws {
        let moves = try await rows(of: """
            SELECT r.payload_seq AS old, min(r.seq) AS new
            FROM pages r JOIN pages o ON o.seq = r.payload_seq
            WHERE o.run_key = \(runKey) AND r.run_key <> \(runKey) AND r.payload_seq IS NOT NULL
            GROUP BY r.payload_seq
            """, on: connection, logger: logger)
        for move in moves {
            let old: Int64 = try move.value("old"), new: Int64 = try move.value("new")
            try await execute("UPDATE pages SET body = (SELECT body FROM pages WHERE seq = \(old)) WHERE seq = \(new)",
                              on: connection, logger: logger)
            // The others now revisit the new holder's capture, which an archive of its run holds as a response.
            try await execute("""
                UPDATE pages SET payload_seq = \(new), payload_url = (SELECT url FROM pages WHERE seq = \(new)),
                                 payload_fetched_at = (SELECT fetched_at FROM pages WHERE seq = \(new))
                WHERE payload_seq = \(old) AND seq <> \(new)
                """, on: connection, logger: logger)
            try await execute("UPDATE pages SET payload_seq = \(new) WHERE seq = \(new)", on: connection, logger: logger)
        }
    }
}
