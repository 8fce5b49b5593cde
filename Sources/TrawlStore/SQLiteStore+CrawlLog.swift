import Foundation
import GRDB
import TrawlCore

extension SQLiteStore: CrawlLog {
    public func commit(_ batch: RunBatch) async throws(StoreError) {
        let runColumns = try batch.run.map { run throws(StoreError) in try encode { try Self.stateColumns(of: run) } }
        try await write("write crawl progress for run \(batch.runID)") { db in
            let runKey = try Self.runKey(batch.runID, in: db)
            // Rows discovered in this batch go in first: a settlement in the same batch may refer to them. The rows
            // are bound column by column (`DirectStatement`): this is the crawl's hottest write.
            var insertFrontier = try DirectStatement("""
                INSERT OR IGNORE INTO frontier (run_key, fingerprint, url, depth, parent_url, state, reason, redirect_hops)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, in: db)
            for record in batch.discovered {
                insertFrontier.bind(runKey)
                insertFrontier.bind(RowCoding.column(record.fingerprint))
                insertFrontier.bind(record.url)
                insertFrontier.bind(record.depth)
                insertFrontier.bind(record.parentURL)
                insertFrontier.bind(record.state.rawValue)
                insertFrontier.bind(record.reason)
                insertFrontier.bind(record.redirectHops)
                try insertFrontier.execute()
            }
            var settle = try DirectStatement("""
                UPDATE frontier SET state = ?, reason = ?, http_status = ? WHERE run_key = ? AND fingerprint = ?
                """, in: db)
            for settlement in batch.settled {
                settle.bind(settlement.state.rawValue)
                settle.bind(settlement.reason)
                settle.bind(settlement.httpStatus)
                settle.bind(runKey)
                settle.bind(RowCoding.column(settlement.fingerprint))
                try settle.execute()
            }
            var insertPage = try DirectStatement("""
                INSERT INTO pages (run_key, url, depth, parent_url, fetched_at, status, content_type, title, outlinks,
                    redirect_target, canonical_url, language, noindex, request_head, response_head, body, truncated,
                    ip_address, http_version, duration_ms, warning, content_sha256, etag, last_modified, revisit,
                    payload_seq, payload_url, payload_fetched_at, payload_status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, in: db)
            for page in batch.pages {
                // SQLite refuses to bind a value past SQLITE_MAX_LENGTH: a value that large must become an error
                // here, whatever let it through upstream.
                let largest = max(page.body.count, page.requestHead.count, page.responseHead.count,
                                  page.outlinks.reduce(0) { $0 + $1.utf8.count + 1 })
                guard largest <= Self.maximumValueBytes else {
                    throw StoreError(.io, "a page of \(page.url.prefix(200)) holds a value of \(largest) bytes; "
                        + "the store takes at most \(Self.maximumValueBytes)")
                }
                let revisit = page.revisit
                insertPage.bind(runKey)
                insertPage.bind(page.url)
                insertPage.bind(page.depth)
                insertPage.bind(page.parentURL)
                insertPage.bind(page.fetchedAt.timeIntervalSince1970)
                insertPage.bind(page.status)
                insertPage.bind(page.contentType)
                insertPage.bind(page.title)
                insertPage.bind(page.outlinks.joined(separator: "\n"))
                insertPage.bind(page.redirectTarget)
                insertPage.bind(page.canonicalURL)
                insertPage.bind(page.language)
                insertPage.bind(page.noindex)
                insertPage.bind(page.requestHead)
                insertPage.bind(page.responseHead)
                try page.body.withUnsafeBytes { body in
                    // Read in place, not copied: bodies run to 128 MiB, and SQLite copies them into its pages itself.
                    insertPage.bind(borrowing: body)
                    insertPage.bind(page.truncated)
                    insertPage.bind(page.ipAddress)
                    insertPage.bind(page.httpVersion)
                    insertPage.bind(page.durationMilliseconds)
                    insertPage.bind(page.warning)
                    insertPage.bind(page.payloadSHA256 ?? PayloadDigest.sha256(page.body))
                    insertPage.bind(page.etag)
                    insertPage.bind(page.lastModified)
                    insertPage.bind(revisit?.kind.rawValue)
                    insertPage.bind(revisit?.payloadSequence)
                    insertPage.bind(revisit?.payloadURL)
                    insertPage.bind(revisit?.payloadDate.timeIntervalSince1970)
                    insertPage.bind(revisit?.payloadStatus)
                    try insertPage.execute()
                }
            }
            var insertLog = try DirectStatement("""
                INSERT INTO run_log (run_key, step, status, url, host, depth, http_status, latency_ms, reason, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, in: db)
            for entry in batch.log {
                insertLog.bind(runKey)
                insertLog.bind(entry.step.rawValue)
                insertLog.bind(entry.status.rawValue)
                insertLog.bind(entry.url)
                insertLog.bind(entry.host)
                insertLog.bind(entry.depth)
                insertLog.bind(entry.httpStatus)
                insertLog.bind(entry.latencyMilliseconds)
                insertLog.bind(entry.reason)
                insertLog.bind(entry.at.timeIntervalSince1970)
                try insertLog.execute()
            }
            if let run = batch.run, let runColumns { try Self.update(run, columns: runColumns, in: db) }
        }
    }

    public func loadFrontier(_ runID: RunID, limit: Int) async throws(StoreError) -> FrontierSnapshot {
        try await write("load the frontier of run \(runID)") { db in
            let runKey = try Self.runKey(runID, in: db)
            let fingerprints = try Int64.fetchAll(db, sql: "SELECT fingerprint FROM frontier WHERE run_key = ?",
                                                  arguments: [runKey]).map(RowCoding.fingerprint)
            // Everything pending goes to disk first; then the oldest `limit` come back to memory as queued.
            try db.execute(sql: "UPDATE frontier SET state = 'spilled' WHERE run_key = ? AND state = 'queued'",
                           arguments: [runKey])
            let pending = try Self.claim(runKey: runKey, limit: limit, in: db)
            let spilled = try Int.fetchOne(db, sql: "SELECT count(*) FROM frontier WHERE run_key = ? AND state = 'spilled'",
                                           arguments: [runKey]) ?? 0
            let beyond = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM frontier WHERE run_key = ? AND state = 'beyond_depth')
                """, arguments: [runKey]) ?? false
            return FrontierSnapshot(fingerprints: fingerprints, pending: pending, spilledCount: spilled, sawBeyondDepth: beyond)
        }
    }

    public func claimSpilled(_ runID: RunID, limit: Int) async throws(StoreError) -> [FrontierRecord] {
        try await write("read spilled URLs of run \(runID)") { db in
            try Self.claim(runKey: try Self.runKey(runID, in: db), limit: limit, in: db)
        }
    }

    private static func claim(runKey: Int64, limit: Int, in db: Database) throws -> [FrontierRecord] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT rowid, fingerprint, url, depth, parent_url, redirect_hops FROM frontier
            WHERE run_key = ? AND state = 'spilled' ORDER BY rowid LIMIT ?
            """, arguments: [runKey, limit])
        let mark = try db.cachedStatement(sql: "UPDATE frontier SET state = 'queued' WHERE rowid = ?")
        return try rows.map { row in
            try mark.execute(arguments: [row["rowid"] as Int64])
            return FrontierRecord(fingerprint: RowCoding.fingerprint(row["fingerprint"]), url: row["url"], depth: row["depth"],
                                  parentURL: row["parent_url"], state: .queued, redirectHops: row["redirect_hops"])
        }
    }

    static func runKey(_ runID: RunID, in db: Database) throws -> Int64 {
        guard let key = try Int64.fetchOne(db, sql: "SELECT key FROM runs WHERE id = ?", arguments: [runID.description]) else {
            throw StoreError(.notFound, "run \(runID) does not exist")
        }
        return key
    }

}

extension SQLiteStore {
    /// How many of a run's URLs ended for each reason ("robots", "timeout" …), for reports and tests.
    public func frontierReasonCounts(_ runID: RunID) async throws(StoreError) -> [String: Int] {
        try await read("count frontier reasons of run \(runID)") { db in
            let runKey = try Self.runKey(runID, in: db)
            let rows = try Row.fetchAll(db, sql: """
                SELECT reason, count(*) AS n FROM frontier WHERE run_key = ? AND reason IS NOT NULL GROUP BY reason
                """, arguments: [runKey])
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["reason"] as String, $0["n"] as Int) })
        }
    }
}
