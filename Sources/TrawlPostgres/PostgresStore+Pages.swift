import Foundation
import NIOCore
import PostgresNIO
import TrawlCore

extension PostgresStore: PageStore {
    public func pages(of runID: RunID, after sequence: Int64, limit: Int, maxBytes: Int) async throws(StoreError) -> [StoredPage] {
        let logger = logger
        return try await connection("read pages of run \(runID)") { connection in
            let runKey = try await Self.runKey(runID, on: connection, logger: logger)
            var limit = Self.sqlLimit(limit)
            if maxBytes < .max {
                // Sizes first (octet_length reads a TOASTed value's header, not the value), then only what fits.
                let sizes = try await Self.rows(of: """
                    SELECT COALESCE(octet_length(p.body), 0) + COALESCE((SELECT octet_length(q.body) FROM pages q
                                                            WHERE q.seq = p.payload_seq AND p.payload_seq <> p.seq), 0) AS size
                    FROM pages p WHERE p.run_key = \(runKey) AND p.seq > \(sequence) ORDER BY p.seq LIMIT \(limit)
                    """, on: connection, logger: logger).map { row throws(StoreError) in Int(try row.value("size", as: Int64.self)) }
                limit = Self.pagesFitting(sizes, maxBytes: maxBytes)
            }
            return try await Self.rows(of: """
                SELECT * FROM pages WHERE run_key = \(runKey) AND seq > \(sequence) ORDER BY seq LIMIT \(limit)
                """, on: connection, logger: logger).map { row throws(StoreError) in try Self.page(from: row) }
        }
    }

    /// A part is live by the database's clock, which its lease is kept in (`DatabaseClock`); one that died is settled
    /// once its lease lapses (what it had not written is lost with it).
    public func pageWritersSettled(_ runID: RunID) async throws(StoreError) -> Bool {
        let rows = try await rows("check the writers of run \(runID)", """
            SELECT NOT EXISTS (
                SELECT 1 FROM run_shares s JOIN runs r ON r.key = s.run_key
                WHERE r.id = \(runID.uuid) AND NOT s.ended AND s.lease_until >= clock_timestamp()
            ) AS settled
            """)
        return try rows.first?.value("settled", as: Bool.self) ?? true
    }

    public func redirects(of runID: RunID) async throws(StoreError) -> [RedirectHop] {
        let logger = logger
        return try await connection("read redirects of run \(runID)") { connection in
            let runKey = try await Self.runKey(runID, on: connection, logger: logger)
            return try await Self.rows(of: """
                SELECT url, redirect_target, parent_url FROM pages
                WHERE run_key = \(runKey) AND redirect_target IS NOT NULL ORDER BY seq
                """, on: connection, logger: logger).map { row throws(StoreError) in
                RedirectHop(from: try row.value("url"), to: try row.value("redirect_target"),
                            parentURL: try row.value("parent_url"))
            }
        }
    }

    public func payloads(_ sequences: [Int64]) async throws(StoreError) -> [Int64: StoredPayload] {
        guard !sequences.isEmpty else { return [:] }
        let rows = try await rows("read stored payloads", """
            SELECT seq, body, COALESCE(payload_status, status) AS status, content_type,
                   CASE WHEN revisit IS NULL THEN response_head ELSE ''::bytea END AS response_head
            FROM pages WHERE seq = ANY(\(Array(Set(sequences)))::bigint[])
            """)
        var found: [Int64: StoredPayload] = [:]
        for row in rows {
            found[try row.value("seq", as: Int64.self)] = StoredPayload(
                body: try Self.bytes(row, "body"), status: try row.value("status"),
                responseHead: try Self.bytes(row, "response_head"), contentType: try row.value("content_type"))
        }
        return found
    }

    /// A bytea column's bytes.
    static func bytes(_ row: PostgresRandomAccessRow, _ name: String) throws(StoreError) -> [UInt8] {
        Array(try row.value(name, as: ByteBuffer.self).readableBytesView)
    }

    static func page(from row: PostgresRandomAccessRow) throws(StoreError) -> StoredPage {
        let outlinks: String = try row.value("outlinks")
        var page = PageRecord(
            url: try row.value("url"), depth: try row.value("depth"), parentURL: try row.value("parent_url"),
            fetchedAt: Date(timeIntervalSince1970: try row.value("fetched_at")), status: try row.value("status"),
            contentType: try row.value("content_type"), title: try row.value("title"),
            outlinks: outlinks.isEmpty ? [] : outlinks.split(separator: "\n").map(String.init),
            redirectTarget: try row.value("redirect_target"), canonicalURL: try row.value("canonical_url"),
            language: try row.value("language"), noindex: try row.value("noindex"),
            requestHead: try bytes(row, "request_head"), responseHead: try bytes(row, "response_head"),
            body: try bytes(row, "body"), truncated: try row.value("truncated"), ipAddress: try row.value("ip_address"),
            httpVersion: try row.value("http_version"), durationMilliseconds: try row.value("duration_ms"),
            warning: try row.value("warning"))
        page.etag = try row.value("etag")
        page.lastModified = try row.value("last_modified")
        if let kind = try row.value("revisit", as: String?.self).flatMap(Revisit.Kind.init(rawValue:)),
           let sequence = try row.value("payload_seq", as: Int64?.self),
           let url = try row.value("payload_url", as: String?.self),
           let date = try row.value("payload_fetched_at", as: Double?.self),
           let status = try row.value("payload_status", as: Int?.self) {
            page.revisit = Revisit(kind: kind, payloadSequence: sequence, payloadURL: url,
                                   payloadDate: Date(timeIntervalSince1970: date), payloadStatus: status)
        }
        return StoredPage(sequence: try row.value("seq"), page: page, contentSHA256: try row.value("content_sha256"))
    }
}
