import Foundation
import GRDB
import TrawlCore

extension SQLiteStore: RecrawlStore {
    public func priorFetches(for runID: RunID) async throws(StoreError) -> [PriorFetch] {
        try await read("read the previous run's fetches for run \(runID)") { db in
            guard let run = try Row.fetchOne(db, sql: "SELECT key, job_id FROM runs WHERE id = ?",
                                             arguments: [runID.description]) else {
                throw StoreError(.notFound, "run \(runID) does not exist")
            }
            // The job's latest earlier run that finished having fetched something: it recorded every URL it reached,
            // revisits included, so it alone is the baseline.
            guard let previous = try Int64.fetchOne(db, sql: """
                SELECT r.key FROM runs r
                WHERE r.job_id = ? AND r.key < ? AND r.status = 'finished'
                  AND EXISTS (SELECT 1 FROM pages p WHERE p.run_key = r.key)
                ORDER BY r.key DESC LIMIT 1
                """, arguments: [run["job_id"] as String, run["key"] as Int64]) else { return [] }
            // Complete 2xx payloads only: a redirect, an error or a cut body is fetched again in full.
            return try Row.fetchAll(db, sql: """
                SELECT url, fetched_at, etag, last_modified, content_sha256, content_type,
                       COALESCE(payload_seq, seq) AS payload_seq, COALESCE(payload_url, url) AS payload_url,
                       COALESCE(payload_fetched_at, fetched_at) AS payload_at, COALESCE(payload_status, status) AS payload_status
                FROM pages
                WHERE run_key = ? AND COALESCE(payload_status, status) BETWEEN 200 AND 299 AND truncated = 0
                  AND redirect_target IS NULL
                ORDER BY seq
                """, arguments: [previous]).map { row in
                PriorFetch(url: row["url"], verifiedAt: Date(timeIntervalSince1970: row["fetched_at"]), etag: row["etag"],
                           lastModified: row["last_modified"], payloadSHA256: row["content_sha256"],
                           contentType: row["content_type"], payloadSequence: row["payload_seq"],
                           payloadURL: row["payload_url"], payloadDate: Date(timeIntervalSince1970: row["payload_at"]),
                           payloadStatus: row["payload_status"])
            }
        }
    }
}
