import Foundation
import GRDB
import TrawlCore

extension SQLiteStore: PageStore {
    public func pages(of runID: RunID, after sequence: Int64, limit: Int, maxBytes: Int) async throws(StoreError) -> [StoredPage] {
        try await read("read pages of run \(runID)") { db in
            let runKey = try Self.runKey(runID, in: db)
            var limit = limit
            if maxBytes < .max {
                // Sizes first (length() of a blob reads its header, not its pages), then only the pages that fit.
                let sizes = try Int.fetchAll(db, sql: """
                    SELECT COALESCE(length(p.body), 0) + COALESCE((SELECT length(q.body) FROM pages q
                                                      WHERE q.seq = p.payload_seq AND p.payload_seq <> p.seq), 0)
                    FROM pages p WHERE p.run_key = ? AND p.seq > ? ORDER BY p.seq LIMIT ?
                    """, arguments: [runKey, sequence, limit])
                limit = Self.pagesFitting(sizes, maxBytes: maxBytes)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM pages WHERE run_key = ? AND seq > ? ORDER BY seq LIMIT ?",
                                    arguments: [runKey, sequence, limit]).map(Self.page(from:))
        }
    }

    public func redirects(of runID: RunID) async throws(StoreError) -> [RedirectHop] {
        try await read("read redirects of run \(runID)") { db in
            let runKey = try Self.runKey(runID, in: db)
            return try Row.fetchAll(db, sql: """
                SELECT url, redirect_target, parent_url FROM pages
                WHERE run_key = ? AND redirect_target IS NOT NULL ORDER BY seq
                """, arguments: [runKey]).map { RedirectHop(from: $0["url"], to: $0["redirect_target"], parentURL: $0["parent_url"]) }
        }
    }

    /// One process crawls a run on SQLite, and writes its last pages before `finished`.
    public func pageWritersSettled(_ runID: RunID) async throws(StoreError) -> Bool { true }

    public func payloads(_ sequences: [Int64]) async throws(StoreError) -> [Int64: StoredPayload] {
        guard !sequences.isEmpty else { return [:] }
        return try await read("read stored payloads") { db in
            var found: [Int64: StoredPayload] = [:]
            let statement = try db.cachedStatement(sql: """
                SELECT body, COALESCE(payload_status, status) AS status, content_type,
                       CASE WHEN revisit IS NULL THEN response_head ELSE x'' END AS response_head
                FROM pages WHERE seq = ?
                """)
            for sequence in Set(sequences) {
                guard let row = try Row.fetchOne(statement, arguments: [sequence]) else { continue }
                found[sequence] = StoredPayload(body: [UInt8](row["body"] as Data), status: row["status"],
                                                responseHead: [UInt8](row["response_head"] as Data),
                                                contentType: row["content_type"])
            }
            return found
        }
    }

    static func page(from row: Row) -> StoredPage {
        let outlinks: String = row["outlinks"]
        var page = PageRecord(
            url: row["url"], depth: row["depth"], parentURL: row["parent_url"],
            fetchedAt: Date(timeIntervalSince1970: row["fetched_at"]), status: row["status"],
            contentType: row["content_type"], title: row["title"],
            outlinks: outlinks.isEmpty ? [] : outlinks.split(separator: "\n").map(String.init),
            redirectTarget: row["redirect_target"], canonicalURL: row["canonical_url"], language: row["language"],
            noindex: row["noindex"], requestHead: [UInt8](row["request_head"] as Data),
            responseHead: [UInt8](row["response_head"] as Data), body: [UInt8](row["body"] as Data),
            truncated: row["truncated"], ipAddress: row["ip_address"], httpVersion: row["http_version"],
            durationMilliseconds: row["duration_ms"], warning: row["warning"])
        page.etag = row["etag"]
        page.lastModified = row["last_modified"]
        if let kind = (row["revisit"] as String?).flatMap(Revisit.Kind.init(rawValue:)),
           let sequence = row["payload_seq"] as Int64?, let url = row["payload_url"] as String?,
           let date = row["payload_fetched_at"] as Double?, let status = row["payload_status"] as Int? {
            page.revisit = Revisit(kind: kind, payloadSequence: sequence, payloadURL: url,
                                   payloadDate: Date(timeIntervalSince1970: date), payloadStatus: status)
        }
        return StoredPage(sequence: row["seq"], page: page, contentSHA256: row["content_sha256"])
    }
}
