import Foundation
import GRDB
import TrawlCore

extension SQLiteStore: RunClaims {
    public func claimRun(_ id: RunID, executor: String, now: Date, until: Date) async throws(StoreError) -> Bool {
        try await write("claim run \(id)") { db in
            try db.execute(sql: """
                UPDATE runs SET executor = ?, claimed_until = ?,
                    control = CASE WHEN executor = ? THEN control END
                WHERE id = ? AND (executor IS NULL OR executor = ? OR claimed_until IS NULL OR claimed_until < ?)
                """, arguments: [executor, until.timeIntervalSince1970, executor, id.description, executor,
                                 now.timeIntervalSince1970])
            return db.changesCount > 0
        }
    }

    public func writeFinalState(_ run: Run, claimedBy executor: String) async throws(StoreError) -> Bool {
        let columns = try encode { try Self.stateColumns(of: run) }
        return try await write("write the final state of run \(run.id)") { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT executor FROM runs WHERE id = ?", arguments: [run.id.description])
            else { throw StoreError(.notFound, "run \(run.id) does not exist") }
            guard (row["executor"] as String?) == executor else { return false }
            try Self.update(run, columns: columns, in: db)
            return true
        }
    }

    public func renewClaims(_ ids: [RunID], executor: String, until: Date) async throws(StoreError) -> ClaimRenewal {
        guard !ids.isEmpty else { return ClaimRenewal() }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
        let list = ids.map(\.description)
        return try await write("renew run claims") { db in
            var renewal = ClaimRenewal()
            var held = Set<RunID>()
            for row in try Row.fetchAll(db, sql: "SELECT id, control FROM runs WHERE executor = ? AND id IN (\(marks))",
                                        arguments: StatementArguments([executor] + list)) {
                guard let id = RunID(row["id"] as String) else { continue }
                held.insert(id)
                if let control = (row["control"] as String?).flatMap(RunControlRequest.init(rawValue:)) {
                    renewal.requests[id] = control
                }
            }
            try db.execute(sql: """
                UPDATE runs SET claimed_until = ?, control = NULL WHERE executor = ? AND id IN (\(marks))
                """, arguments: StatementArguments([until.timeIntervalSince1970.databaseValue, executor.databaseValue]
                                              + list.map(\.databaseValue)))
            renewal.lost = Set(ids).subtracting(held)
            return renewal
        }
    }

    public func releaseRun(_ id: RunID, executor: String) async throws(StoreError) {
        try await write("release run \(id)") { db in
            try db.execute(sql: "UPDATE runs SET executor = NULL, claimed_until = NULL, control = NULL WHERE id = ? AND executor = ?",
                           arguments: [id.description, executor])
        }
    }

    public func requestControl(_ request: RunControlRequest, of id: RunID, now: Date) async throws(StoreError) -> Bool {
        try await write("ask for \(request.rawValue) of run \(id)") { db in
            try db.execute(sql: """
                UPDATE runs SET control = ? WHERE id = ? AND executor IS NOT NULL AND claimed_until >= ?
                """, arguments: [request.rawValue, id.description, now.timeIntervalSince1970])
            return db.changesCount > 0
        }
    }

    public func claimableRuns(withStatus statuses: [RunStatus], executor: String,
                              now: Date) async throws(StoreError) -> [Run] {
        guard !statuses.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: statuses.count).joined(separator: ",")
        let arguments = StatementArguments(statuses.map(\.rawValue.databaseValue)
            + [executor.databaseValue, now.timeIntervalSince1970.databaseValue])
        return try await read("list unclaimed runs") { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM runs WHERE status IN (\(marks)) AND (executor IS NULL OR executor = ? OR claimed_until < ?)
                ORDER BY created_at, id
                """, arguments: arguments).map(Self.run(from:))
        }
    }

    public func runsWithUnfinishedPipelines(executor: String, now: Date, limit: Int) async throws(StoreError) -> [Run] {
        // Only runs nobody holds: this process's own pipelines are running already, and counting them would let a
        // process holding many (paused runs keep their pipelines) fill the page and never see an orphan.
        let arguments: StatementArguments = [now.timeIntervalSince1970, limit]
        return try await read("list runs with unfinished pipelines") { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM runs
                WHERE status <> 'running' AND (executor IS NULL OR claimed_until < ?)
                  AND (json_extract(pipeline, '$.pageCursor') > 0 OR json_extract(pipeline, '$.beganAt') IS NOT NULL)
                  AND (json_extract(pipeline, '$.textIndexedAt') IS NULL
                       OR (json_extract(pipeline, '$.stages.embed.startedAt') IS NOT NULL
                           AND json_extract(pipeline, '$.stages.embed.finishedAt') IS NULL))
                ORDER BY created_at, id LIMIT ?
                """, arguments: arguments).map(Self.run(from:))
        }
    }
}
