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
                SELECT p.url, p.fetched_at, p.etag, p.last_modified, p.content_sha256, p.content_type,
                       COALESCE(p.payload_seq, p.seq) AS payload_seq, COALESCE(p.payload_url, p.url) AS payload_url,
                       COALESCE(p.payload_fetched_at, p.fetched_at) AS payload_at,
                       COALESCE(p.payload_status, p.status) AS payload_status, length(o.body) AS payload_length
                FROM pages p JOIN pages o ON o.seq = COALESCE(p.payload_seq, p.seq)
                WHERE p.run_key = ? AND COALESCE(p.payload_status, p.status) BETWEEN 200 AND 299 AND p.truncated = 0
                  AND p.redirect_target IS NULL
                ORDER BY p.seq
                """, arguments: [previous]).map { row in
                PriorFetch(url: row["url"], verifiedAt: Date(timeIntervalSince1970: row["fetched_at"]), etag: row["etag"],
                           lastModified: row["last_modified"], payloadSHA256: row["content_sha256"],
                           contentType: row["content_type"], payloadSequence: row["payload_seq"],
                           payloadURL: row["payload_url"], payloadDate: Date(timeIntervalSince1970: row["payload_at"]),
                           payloadStatus: row["payload_status"], payloadLength: row["payload_length"])
            }
        }
    }
}
