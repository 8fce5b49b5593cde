import Foundation
import PostgresNIO
import TrawlCore

extension PostgresStore: RecrawlStore {
    public func priorFetches(for runID: RunID) async throws(StoreError) -> [PriorFetch] {
        let logger = logger
        return try await connection("read the previous run's fetches for run \(runID)") { connection in
            guard let run = try await Self.rows(of: "SELECT key, job_id FROM runs WHERE id = \(runID.uuid)",
                                                on: connection, logger: logger).first else {
                throw StoreError(.notFound, "run \(runID) does not exist")
            }
            let key: Int64 = try run.value("key"), jobID: UUID = try run.value("job_id")
            // The job's latest earlier run that finished having fetched something: it recorded every URL it reached,
            // revisits included, so it alone is the baseline.
            guard let previous = try await Self.rows(of: """
                SELECT r.key FROM runs r
                WHERE r.job_id = \(jobID) AND r.key < \(key) AND r.status = 'finished'
                  AND EXISTS (SELECT 1 FROM pages p WHERE p.run_key = r.key)
                ORDER BY r.key DESC LIMIT 1
                """, on: connection, logger: logger).first.map({ row throws(StoreError) in
                    try row.value("key", as: Int64.self)
                }) else { return [] }
            // Complete 2xx payloads only: a redirect, an error or a cut body is fetched again in full.
            return try await Self.rows(of: """
                SELECT p.url, p.fetched_at, p.etag, p.last_modified, p.content_sha256, p.content_type,
                       COALESCE(p.payload_seq, p.seq) AS payload_seq, COALESCE(p.payload_url, p.url) AS payload_url,
                       COALESCE(p.payload_fetched_at, p.fetched_at) AS payload_at,
                       COALESCE(p.payload_status, p.status) AS payload_status, octet_length(o.body) AS payload_length
                FROM pages p JOIN pages o ON o.seq = COALESCE(p.payload_seq, p.seq)
                WHERE p.run_key = \(previous) AND COALESCE(p.payload_status, p.status) BETWEEN 200 AND 299
                  AND NOT p.truncated AND p.redirect_target IS NULL
                ORDER BY p.seq
                """, on: connection, logger: logger).map { row throws(StoreError) in
                PriorFetch(url: try row.value("url"), verifiedAt: Date(timeIntervalSince1970: try row.value("fetched_at")),
                           etag: try row.value("etag"), lastModified: try row.value("last_modified"),
                           payloadSHA256: try row.value("content_sha256"), contentType: try row.value("content_type"),
                           payloadSequence: try row.value("payload_seq"), payloadURL: try row.value("payload_url"),
                           payloadDate: Date(timeIntervalSince1970: try row.value("payload_at")),
                           payloadStatus: try row.value("payload_status"), payloadLength: try row.value("payload_length"))
            }
        }
    }
}
