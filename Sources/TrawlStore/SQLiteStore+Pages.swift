import Foundation
import GRDB
import TrawlCore

extension SQLiteStore: PageStore {
    public func pages(of runID: RunID, after sequence: Int64, limit: Int) async throws(StoreError) -> [StoredPage] {
        try await read("read pages of run \(runID)") { db in
            let runKey = try Self.runKey(runID, in: db)
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

    static func page(from row: Row) -> StoredPage {
        let outlinks: String = row["outlinks"]
        let record = PageRecord(
            url: row["url"], depth: row["depth"], parentURL: row["parent_url"],
            fetchedAt: Date(timeIntervalSince1970: row["fetched_at"]), status: row["status"],
            contentType: row["content_type"], title: row["title"],
            outlinks: outlinks.isEmpty ? [] : outlinks.split(separator: "\n").map(String.init),
            redirectTarget: row["redirect_target"], canonicalURL: row["canonical_url"], language: row["language"],
            noindex: row["noindex"], requestHead: [UInt8](row["request_head"] as Data),
            responseHead: [UInt8](row["response_head"] as Data), body: [UInt8](row["body"] as Data),
            truncated: row["truncated"], ipAddress: row["ip_address"], httpVersion: row["http_version"],
            durationMilliseconds: row["duration_ms"], warning: row["warning"])
        return StoredPage(sequence: row["seq"], page: record, contentSHA256: row["content_sha256"])
    }
}
