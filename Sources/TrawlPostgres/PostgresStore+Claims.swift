import Foundation
import PostgresNIO
import TrawlCore

extension PostgresStore: RunClaims {
    public func claimRun(_ id: RunID, executor: String, now: Date, until: Date) async throws(StoreError) -> Bool {
        let (now, until) = (clock.database(now), clock.database(until))
        // One statement: PostgreSQL re-checks the WHERE clause on the row it locks, so of two processes claiming at
        // once exactly one matches.
        return try await transaction("claim run \(id)") { connection in
            try await Self.execute("""
                UPDATE runs SET executor = \(executor), claimed_until = \(until),
                    control = CASE WHEN executor = \(executor) THEN control END
                WHERE id = \(id.uuid)
                  AND (executor IS NULL OR executor = \(executor) OR claimed_until IS NULL OR claimed_until < \(now))
                RETURNING 1
                """, on: connection, logger: self.logger)
        } > 0
    }

    public func renewClaims(_ ids: [RunID], executor: String, until: Date) async throws(StoreError) -> ClaimRenewal {
        guard !ids.isEmpty else { return ClaimRenewal() }
        let until = clock.database(until)
        let uuids = ids.map(\.uuid)
        return try await transaction("renew run claims") { connection in
            // The old control value is read in the same statement that clears it, so each request is answered once.
            let rows = try await Self.rows(of: """
                UPDATE runs AS r SET claimed_until = \(until), control = NULL
                FROM (SELECT id, control FROM runs WHERE executor = \(executor) AND id = ANY(\(uuids)) FOR UPDATE) AS old
                WHERE r.id = old.id
                RETURNING r.id, old.control
                """, on: connection, logger: self.logger)
            var renewal = ClaimRenewal()
            var held = Set<RunID>()
            for row in rows {
                let id = RunID(try row.value("id", as: UUID.self))
                held.insert(id)
                if let control = try row.value("control", as: String?.self).flatMap(RunControlRequest.init(rawValue:)) {
                    renewal.requests[id] = control
                }
            }
            renewal.lost = Set(ids).subtracting(held)
            return renewal
        }
    }

    public func releaseRun(_ id: RunID, executor: String) async throws(StoreError) {
        try await transaction("release run \(id)") { connection in
            try await Self.execute("""
                UPDATE runs SET executor = NULL, claimed_until = NULL, control = NULL
                WHERE id = \(id.uuid) AND executor = \(executor)
                """, on: connection, logger: self.logger)
        }
    }

    public func writeFinalState(_ run: Run, claimedBy executor: String) async throws(StoreError) -> Bool {
        let logger = logger
        return try await transaction("write the final state of run \(run.id)") { connection in
            let (runKey, stored, shared) = try await Self.lockedRun(run.id, on: connection, logger: logger)
            let holder = try await Self.rows(of: "SELECT executor FROM runs WHERE key = \(runKey)", on: connection,
                                             logger: logger).first?.value("executor", as: String?.self)
            guard holder == executor else { return false }
            var state = run
            // As `updateRun`: a shared run's counters are its parts' sum, and an end a part wrote stands.
            let keep = shared && stored.status == .finished && run.status != .finished
            if shared { state.progress = try await Self.combinedProgress(runKey: runKey, on: connection, logger: logger) }
            if !keep { try await Self.execute(try Self.stateUpdate(of: state), on: connection, logger: logger) }
            return true
        }
    }

    public func requestControl(_ request: RunControlRequest, of id: RunID, now: Date) async throws(StoreError) -> Bool {
        let now = clock.database(now)
        return try await transaction("ask for \(request.rawValue) of run \(id)") { connection in
            try await Self.execute("""
                UPDATE runs SET control = \(request.rawValue)
                WHERE id = \(id.uuid) AND executor IS NOT NULL AND claimed_until >= \(now) RETURNING 1
                """, on: connection, logger: self.logger)
        } > 0
    }

    public func claimableRuns(withStatus statuses: [RunStatus], executor: String,
                              now: Date) async throws(StoreError) -> [Run] {
        guard !statuses.isEmpty else { return [] }
        let now = clock.database(now)
        return try await rows("list unclaimed runs", """
            SELECT * FROM runs WHERE status = ANY(\(statuses.map(\.rawValue)))
              AND (executor IS NULL OR executor = \(executor) OR claimed_until < \(now))
            ORDER BY created_at, id
            """).map { row throws(StoreError) in try Self.run(from: row) }
    }

    public func runsWithUnfinishedPipelines(executor: String, now: Date, limit: Int) async throws(StoreError) -> [Run] {
        let now = clock.database(now)
        return try await rows("list runs with unfinished pipelines", """
            SELECT * FROM runs
            WHERE status <> 'running' AND (executor IS NULL OR claimed_until < \(now))
              AND (COALESCE((pipeline->>'pageCursor')::bigint, 0) > 0 OR pipeline->>'beganAt' IS NOT NULL)
              AND (pipeline->>'textIndexedAt' IS NULL
                   OR (pipeline->'stages'->'embed'->>'startedAt' IS NOT NULL
                       AND pipeline->'stages'->'embed'->>'finishedAt' IS NULL))
            ORDER BY created_at, id LIMIT \(limit)
            """).map { row throws(StoreError) in try Self.run(from: row) }
    }
}
