import Foundation
import PostgresNIO
import TrawlCore

/// Runs crawled by many processes at once. Every statement that decides something for the whole run (reserving
/// `max_urls`, summing the parts' counters, ending the run) first locks the run's row, so those decisions are taken one
/// at a time; leasing and claiming touch only origin and frontier rows, which one lessee owns at a time.
extension PostgresStore: SharedCrawlStore {
    public func join(_ share: CrawlShare, until: Date) async throws(StoreError) -> Bool {
        let logger = logger
        let until = clock.database(until)
        let progress = try PostgresCoding.json(RunProgress())
        return try await transaction("join run \(share.runID)") { connection in
            let (runKey, stored, shared) = try await Self.lockedRun(share.runID, on: connection, logger: logger)
            if share.isLead && !shared {
                // Until now one process crawled the run (or none yet): its counters become an ended part's, what it had
                // queued waits again, and every origin with URLs waiting gets its lease row.
                let carried = try PostgresCoding.json(stored.progress)
                try await Self.execute("""
                    INSERT INTO run_shares (id, run_key, executor, is_lead, lease_until, ended, progress, reserved)
                    VALUES (\(UUID()), \(runKey), 'single-process', false, \(until), true, \(carried),
                            \(stored.progress.processed))
                    """, on: connection, logger: logger)
                try await Self.execute("UPDATE frontier SET state = 'spilled' WHERE run_key = \(runKey) AND state = 'queued'",
                                       on: connection, logger: logger)
                try await Self.execute("UPDATE runs SET shared = true WHERE key = \(runKey)", on: connection, logger: logger)
            }
            if share.isLead {
                try await Self.execute("""
                    INSERT INTO run_origins (run_key, origin)
                    SELECT DISTINCT run_key, origin FROM frontier
                    WHERE run_key = \(runKey) AND state IN ('spilled', 'queued')
                    ORDER BY origin
                    ON CONFLICT DO NOTHING
                    """, on: connection, logger: logger)
            }
            try await Self.execute("""
                INSERT INTO run_shares (id, run_key, executor, is_lead, lease_until, progress)
                VALUES (\(share.id.uuid), \(runKey), \(share.executor), \(share.isLead), \(until), \(progress))
                """, on: connection, logger: logger)
            return try await Self.rows(of: "SELECT EXISTS (SELECT 1 FROM frontier WHERE run_key = \(runKey)) AS any",
                                       on: connection, logger: logger).first?.value("any", as: Bool.self) ?? false
        }
    }

    public func leaseWork(_ share: CrawlShare, release: [String], newOrigins: Int, urlsPerOrigin: Int, limit: Int,
                          now: Date, until: Date) async throws(StoreError) -> SharedWork {
        let logger = logger
        let (now, until) = (clock.database(now), clock.database(until))
        return try await transaction("lease work of run \(share.runID)") { connection in
            let runKey = try await Self.runKey(share.runID, on: connection, logger: logger)
            var work = SharedWork()
            if !release.isEmpty {
                // An origin with URLs waiting stays leased: they arrived from other parts since the caller looked.
                work.released = try await Self.rows(of: """
                    UPDATE run_origins o SET share = NULL, lease_until = NULL
                    WHERE o.run_key = \(runKey) AND o.share = \(share.id.uuid) AND o.origin = ANY(\(release))
                      AND NOT EXISTS (SELECT 1 FROM frontier f WHERE f.run_key = \(runKey) AND f.origin = o.origin
                                        AND f.state IN ('spilled', 'queued'))
                    RETURNING o.origin
                    """, on: connection, logger: logger).map { row throws(StoreError) in try row.value("origin", as: String.self) }
            }
            // An origin offered back but kept counts against the new ones: the caller counted it as given back.
            let newOrigins = newOrigins - (release.count - work.released.count)
            if newOrigins > 0 {
                // SKIP LOCKED: parts leasing at the same moment take different origins instead of queueing on one.
                work.leased = try await Self.rows(of: """
                    WITH candidates AS (
                        SELECT o.origin FROM run_origins o
                        WHERE o.run_key = \(runKey) AND (o.share IS NULL OR o.lease_until < \(now))
                          AND EXISTS (SELECT 1 FROM frontier f WHERE f.run_key = \(runKey) AND f.origin = o.origin
                                        AND f.state IN ('spilled', 'queued'))
                        LIMIT \(newOrigins) FOR UPDATE OF o SKIP LOCKED
                    )
                    UPDATE run_origins o SET share = \(share.id.uuid), lease_until = \(until) FROM candidates c
                    WHERE o.run_key = \(runKey) AND o.origin = c.origin
                    RETURNING o.origin
                    """, on: connection, logger: logger).map { row throws(StoreError) in try row.value("origin", as: String.self) }
                if !work.leased.isEmpty {
                    // What a previous lessee had claimed and not settled (it died or let the lease lapse) waits again.
                    try await Self.execute("""
                        UPDATE frontier SET state = 'spilled'
                        WHERE run_key = \(runKey) AND origin = ANY(\(work.leased)) AND state = 'queued'
                        """, on: connection, logger: logger)
                }
            }
            let rows = try await Self.rows(of: """
                WITH picked AS (
                    SELECT p.fingerprint FROM run_origins o CROSS JOIN LATERAL (
                        SELECT fingerprint FROM frontier
                        WHERE run_key = \(runKey) AND origin = o.origin AND state = 'spilled'
                        ORDER BY seq LIMIT \(urlsPerOrigin)
                    ) p
                    WHERE o.run_key = \(runKey) AND o.share = \(share.id.uuid)
                    LIMIT \(max(0, limit))
                )
                UPDATE frontier f SET state = 'queued' FROM picked
                WHERE f.run_key = \(runKey) AND f.fingerprint = picked.fingerprint
                RETURNING f.seq, f.fingerprint, f.url, f.depth, f.parent_url, f.redirect_hops
                """, on: connection, logger: logger)
            work.urls = try rows.map { row throws(StoreError) in
                (try row.value("seq", as: Int64.self),
                 FrontierRecord(fingerprint: PostgresCoding.fingerprint(try row.value("fingerprint")), url: try row.value("url"),
                                depth: try row.value("depth"), parentURL: try row.value("parent_url"), state: .queued,
                                redirectHops: try row.value("redirect_hops")))
            }.sorted { $0.0 < $1.0 }.map(\.1)
            return work
        }
    }

    public func renew(_ share: CrawlShare, holding origins: Set<String>, until: Date) async throws(StoreError) -> ShareRenewal {
        let logger = logger
        let until = clock.database(until)
        return try await transaction("renew the leases of run \(share.runID)") { connection in
            let runKey = try await Self.runKey(share.runID, on: connection, logger: logger)
            let live = try await Self.execute("""
                UPDATE run_shares SET lease_until = \(until) WHERE id = \(share.id.uuid) AND NOT ended RETURNING 1
                """, on: connection, logger: logger) > 0
            let held = try await Self.rows(of: """
                UPDATE run_origins SET lease_until = \(until) WHERE run_key = \(runKey) AND share = \(share.id.uuid)
                RETURNING origin
                """, on: connection, logger: logger).map { row throws(StoreError) in try row.value("origin", as: String.self) }
            let status = try await Self.rows(of: "SELECT status FROM runs WHERE key = \(runKey)", on: connection,
                                             logger: logger).first?.value("status", as: String.self)
            return ShareRenewal(status: status.flatMap(RunStatus.init(rawValue:)) ?? .finished,
                                lost: origins.subtracting(held), isEnded: !live)
        }
    }

    public func reserve(_ share: CrawlShare, count: Int, of limit: Int, now: Date) async throws(StoreError) -> Int {
        guard count > 0 else { return 0 }
        let logger = logger
        let now = clock.database(now)
        return try await transaction("reserve URLs of run \(share.runID)") { connection in
            let runKey = try await Self.lockRun(share.runID, on: connection, logger: logger)
            // A live part may use all it reserved; a part that ended or died used what it wrote.
            let used = try await Self.rows(of: """
                SELECT COALESCE(sum(CASE WHEN NOT ended AND lease_until >= \(now)
                                         THEN GREATEST(reserved, (progress->>'processed')::bigint)
                                         ELSE (progress->>'processed')::bigint END), 0)::bigint AS used
                FROM run_shares WHERE run_key = \(runKey)
                """, on: connection, logger: logger).first?.value("used", as: Int.self) ?? 0
            let granted = max(0, min(count, limit - used))
            if granted > 0 {
                try await Self.execute("UPDATE run_shares SET reserved = reserved + \(granted) WHERE id = \(share.id.uuid)",
                                       on: connection, logger: logger)
            }
            return granted
        }
    }

    public func finishIfDrained(_ share: CrawlShare, keepingReserved: Int, now: Date) async throws(StoreError) -> Run? {
        let logger = logger
        // Most answers are "not yet", and idle parts ask often: that answer is found without the run's lock, which every
        // part's batches wait for. Only a run that looks done is locked and looked at again.
        guard let probe = try await rows("see whether run \(share.runID) has work", """
            SELECT r.*,
                   EXISTS (SELECT 1 FROM frontier f WHERE f.run_key = r.key AND f.state IN ('spilled', 'queued')) AS waiting,
                   (SELECT COALESCE(sum((s.progress->>'processed')::bigint), 0) FROM run_shares s
                    WHERE s.run_key = r.key)::bigint AS processed_by_parts
            FROM runs r WHERE r.id = \(share.runID.uuid)
            """).first else { throw StoreError(.notFound, "run \(share.runID) does not exist") }
        let current = try Self.run(from: probe)
        let processed = try probe.value("processed_by_parts", as: Int.self)
        if current.status == .running, try probe.value("waiting", as: Bool.self),
           current.config.stopping.maxURLs.map({ processed < $0 }) ?? true {
            try await transaction("give back unused URLs of run \(share.runID)") { connection in
                try await Self.execute("""
                    UPDATE run_shares SET reserved = LEAST(reserved, \(keepingReserved)) WHERE id = \(share.id.uuid)
                    """, on: connection, logger: logger)
            }
            return nil
        }
        return try await transaction("see whether run \(share.runID) is done") { connection in
            let (runKey, stored, _) = try await Self.lockedRun(share.runID, on: connection, logger: logger)
            try await Self.execute("""
                UPDATE run_shares SET reserved = LEAST(reserved, \(keepingReserved)) WHERE id = \(share.id.uuid)
                """, on: connection, logger: logger)
            guard stored.status == .running else { return stored }
            let progress = try await Self.combinedProgress(runKey: runKey, on: connection, logger: logger)
            let reason: StopReason
            var error: RunError?
            if let limit = stored.config.stopping.maxURLs, progress.processed >= limit {
                reason = .maxURLs
            } else {
                let facts = try await Self.rows(of: """
                    SELECT EXISTS (SELECT 1 FROM frontier WHERE run_key = \(runKey) AND state IN ('spilled', 'queued')) AS waiting,
                           EXISTS (SELECT 1 FROM frontier WHERE run_key = \(runKey) AND state = 'beyond_depth') AS beyond,
                           EXISTS (SELECT 1 FROM frontier WHERE run_key = \(runKey) AND state = 'excluded'
                                     AND reason = 'blocked_address') AS blocked,
                           EXISTS (SELECT 1 FROM frontier WHERE run_key = \(runKey) AND state = 'excluded'
                                     AND reason IS DISTINCT FROM 'blocked_address') AS otherwise
                    """, on: connection, logger: logger).first
                guard try facts?.value("waiting", as: Bool.self) == false else { return nil }
                if progress.processed == 0 {
                    reason = .emptySeed
                    if try facts?.value("blocked", as: Bool.self) == true, try facts?.value("otherwise", as: Bool.self) == false {
                        error = RunError.seedsBlocked
                    }
                } else if try facts?.value("beyond", as: Bool.self) == true {
                    reason = .maxDepth
                } else {
                    reason = .maxEmptyEvaluations
                }
            }
            return try await Self.end(stored, runKey: runKey, reason: reason, error: error, progress: progress, now: now,
                                      on: connection, logger: logger)
        }
    }

    public func finish(_ share: CrawlShare, reason: StopReason, error: RunError?, now: Date) async throws(StoreError) -> Run {
        let logger = logger
        return try await transaction("finish run \(share.runID)") { connection in
            let (runKey, stored, _) = try await Self.lockedRun(share.runID, on: connection, logger: logger)
            guard stored.status != .finished else { return stored }
            let progress = try await Self.combinedProgress(runKey: runKey, on: connection, logger: logger)
            return try await Self.end(stored, runKey: runKey, reason: reason, error: error, progress: progress, now: now,
                                      on: connection, logger: logger)
        }
    }

    public func joinableRuns(executor: String, now: Date) async throws(StoreError) -> [RunID] {
        let now = clock.database(now)
        return try await rows("list runs to join", """
            SELECT r.id FROM runs r
            WHERE r.shared AND r.status = 'running'
              AND NOT EXISTS (SELECT 1 FROM run_shares s WHERE s.run_key = r.key AND s.executor = \(executor)
                                AND NOT s.ended AND s.lease_until >= \(now))
              AND EXISTS (SELECT 1 FROM run_shares s WHERE s.run_key = r.key AND s.is_lead
                            AND NOT s.ended AND s.lease_until >= \(now))
              AND EXISTS (SELECT 1 FROM run_origins o WHERE o.run_key = r.key AND (o.share IS NULL OR o.lease_until < \(now))
                            AND EXISTS (SELECT 1 FROM frontier f WHERE f.run_key = r.key AND f.origin = o.origin
                                          AND f.state IN ('spilled', 'queued')))
            ORDER BY r.created_at, r.id
            """).map { row throws(StoreError) in RunID(try row.value("id", as: UUID.self)) }
    }

    // MARK: Inside a batch's transaction

    /// Writes a part's frontier rows, and counts those another part had written first (both parts counted them).
    static func insertShared(_ records: [FrontierRecord], runKey: Int64, on connection: PostgresConnection,
                             logger: Logger) async throws -> (discovered: Int, excluded: Int) {
        let row = try await rows(of: frontierInsertion(records, runKey: runKey, shared: true), on: connection,
                                 logger: logger).first
        let discovered = try row?.value("discovered", as: Int.self) ?? 0
        let excluded = try row?.value("excluded", as: Int.self) ?? 0
        return (records.count - discovered, records.count { $0.state == .excluded } - excluded)
    }

    /// A part's counters and releases, then the run's row: its state when the part changed it, and always the sum of
    /// the parts' counters. The run's row is locked first, so sums are taken one at a time and none misses a part.
    static func writeShare(_ write: ShareWrite, duplicates: (discovered: Int, excluded: Int), run: Run?, runKey: Int64,
                           on connection: PostgresConnection, logger: Logger) async throws {
        let (_, stored, _) = try await lockedRun(write.share.runID, on: connection, logger: logger)
        let progress = try PostgresCoding.json(write.progress)
        try await execute("""
            UPDATE run_shares SET progress = \(progress),
                duplicate_discovered = duplicate_discovered + \(duplicates.discovered),
                duplicate_excluded = duplicate_excluded + \(duplicates.excluded),
                ended = ended OR \(write.ended),
                reserved = CASE WHEN \(write.ended) THEN \(write.progress.processed) ELSE reserved END
            WHERE id = \(write.share.id.uuid)
            """, on: connection, logger: logger)
        if write.releaseAll {
            try await execute("""
                UPDATE frontier SET state = 'spilled'
                WHERE run_key = \(runKey) AND state = 'queued'
                  AND origin IN (SELECT origin FROM run_origins WHERE run_key = \(runKey) AND share = \(write.share.id.uuid))
                """, on: connection, logger: logger)
            try await execute("""
                UPDATE run_origins SET share = NULL, lease_until = NULL
                WHERE run_key = \(runKey) AND share = \(write.share.id.uuid)
                """, on: connection, logger: logger)
        }
        // A part's status change (the lead's pause) is written unless another part ended the run meanwhile; otherwise
        // only the counters change.
        var state: Run
        if let run, stored.status != .finished || run.status == .finished {
            state = run
        } else {
            state = stored
            state.updatedAt = Timestamp.now()
        }
        state.progress = try await combinedProgress(runKey: runKey, on: connection, logger: logger)
        // A part still writing after the run ended (it has not heard yet) has nothing on the wire that counts.
        if state.status == .finished { state.progress.inFlight = 0 }
        try await execute(try stateUpdate(of: state), on: connection, logger: logger)
    }

    /// Locks the run's row for the rest of the transaction and returns its key.
    static func lockRun(_ runID: RunID, on connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        try await lockedRun(runID, on: connection, logger: logger).key
    }

    /// Locks the run's row for the rest of the transaction and returns its key, the run as stored, and whether it is
    /// shared.
    static func lockedRun(_ runID: RunID, on connection: PostgresConnection,
                          logger: Logger) async throws -> (key: Int64, run: Run, shared: Bool) {
        // NO KEY UPDATE, not UPDATE: every row a batch inserts takes a KEY SHARE lock on its run through its foreign key,
        // and two batches that both inserted and then both asked for FOR UPDATE would wait for each other.
        guard let row = try await rows(of: "SELECT * FROM runs WHERE id = \(runID.uuid) FOR NO KEY UPDATE",
                                       on: connection, logger: logger).first else {
            throw StoreError(.notFound, "run \(runID) does not exist")
        }
        return (try row.value("key", as: Int64.self), try run(from: row), try row.value("shared", as: Bool.self))
    }

    /// The sum of the parts' counters (`RunProgress.combining`), less the URLs two parts both counted, with `queued`
    /// as the frontier says: every URL waiting, less those on the wire. A part is live by the database's clock, which
    /// its leases are kept in (`DatabaseClock`).
    static func combinedProgress(runKey: Int64, on connection: PostgresConnection,
                                 logger: Logger) async throws -> RunProgress {
        let parts = try await rows(of: """
            SELECT progress, duplicate_discovered, duplicate_excluded,
                   (NOT ended AND lease_until >= clock_timestamp()) AS live
            FROM run_shares WHERE run_key = \(runKey)
            """, on: connection, logger: logger)
        var counters: [(progress: RunProgress, isLive: Bool)] = []
        var duplicateDiscovered = 0, duplicateExcluded = 0
        for row in parts {
            counters.append((try PostgresCoding.decode(RunProgress.self, try row.value("progress")),
                             try row.value("live", as: Bool.self)))
            duplicateDiscovered += try row.value("duplicate_discovered", as: Int.self)
            duplicateExcluded += try row.value("duplicate_excluded", as: Int.self)
        }
        var progress = RunProgress.combining(counters)
        progress.discovered = max(0, progress.discovered - duplicateDiscovered)
        progress.excluded = max(0, progress.excluded - duplicateExcluded)
        let waiting = try await rows(of: """
            SELECT count(*) AS n FROM frontier WHERE run_key = \(runKey) AND state IN ('spilled', 'queued')
            """, on: connection, logger: logger).first?.value("n", as: Int.self) ?? 0
        progress.queued = max(0, waiting - progress.inFlight)
        return progress
    }

    /// Ends `stored` (locked) with `reason`, its counters the parts' sum.
    static func end(_ stored: Run, runKey: Int64, reason: StopReason, error: RunError?, progress: RunProgress, now: Date,
                    on connection: PostgresConnection, logger: Logger) async throws -> Run {
        var run = stored
        run.progress = progress
        run.progress.inFlight = 0
        guard case .changed(let finished)? = try? RunLifecycle.apply(.finish(reason, error), to: run, at: now) else {
            return stored
        }
        try await execute(try stateUpdate(of: finished), on: connection, logger: logger)
        return finished
    }
}
