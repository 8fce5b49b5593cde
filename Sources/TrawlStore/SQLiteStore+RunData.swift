import Foundation
import GRDB
import TrawlCore

extension SQLiteStore: RunDataStore {
    public func logEntries(matching query: RunLogQuery) async throws(StoreError) -> [CrawlLogEntry] {
        var filter = ListFilter()
        filter.anyOf("step", query.steps.map(\.rawValue))
        filter.anyOf("status", query.statuses.map(\.rawValue))
        filter.anyOf("host", query.hosts)
        filter.anyOf("reason", query.reasons)
        if let after = query.after { filter.greater("seq", after) }
        let (condition, arguments) = filter.condition
        let limit = query.limit
        return try await read("read the log of run \(query.runID)") { db in
            let runKey = try Self.runKey(query.runID, in: db)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM run_log WHERE run_key = ? AND \(condition) ORDER BY seq LIMIT ?",
                arguments: StatementArguments([runKey.databaseValue] + arguments + [limit.databaseValue])
            ).map(Self.logEntry(from:))
        }
    }

    public func links(matching query: RunLinkQuery) async throws(StoreError) -> [FrontierRecord] {
        var filter = ListFilter()
        filter.anyOf("state", query.states.map(\.rawValue))
        if let after = query.after { filter.greater("fingerprint", RowCoding.column(after)) }
        let (condition, arguments) = filter.condition
        let limit = query.limit
        return try await read("read the URLs of run \(query.runID)") { db in
            let runKey = try Self.runKey(query.runID, in: db)
            // The primary key (run_key, fingerprint) serves both the filter and the order: no sort, however big.
            return try Row.fetchAll(
                db, sql: "SELECT * FROM frontier WHERE run_key = ? AND \(condition) ORDER BY fingerprint LIMIT ?",
                arguments: StatementArguments([runKey.databaseValue] + arguments + [limit.databaseValue])
            ).map(Self.link(from:))
        }
    }

    public func edges(of runID: RunID, after: EdgePosition?, limit: Int) async throws(StoreError) -> [LinkEdge] {
        try await read("read the link graph of run \(runID)") { db in
            let runKey = try Self.runKey(runID, in: db)
            var edges: [LinkEdge] = []
            var position = after ?? EdgePosition(page: 0, index: -1)
            // Pages hold their edges as a list; read pages in chunks until the page of edges is full. The chunks start
            // at one page and double: a page can hold thousands of links (megabytes), and one is often enough.
            var chunk = 1
            while edges.count < limit {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT seq, url, outlinks, redirect_target FROM pages
                    WHERE run_key = ? AND seq >= ? ORDER BY seq LIMIT ?
                    """, arguments: [runKey, position.page, chunk])
                if rows.isEmpty { break }
                chunk = min(chunk * 2, 64)
                for row in rows {
                    let sequence: Int64 = row["seq"]
                    let from: String = row["url"]
                    let outlinks: String = row["outlinks"]
                    var targets = outlinks.isEmpty ? [] : outlinks.split(separator: "\n").map { (String($0), LinkEdge.Kind.link) }
                    if let redirect: String = row["redirect_target"] { targets.append((redirect, .redirect)) }
                    for (index, (to, kind)) in targets.enumerated() {
                        let here = EdgePosition(page: sequence, index: index)
                        guard here > position else { continue }
                        edges.append(LinkEdge(from: from, to: to, kind: kind, position: here))
                        if edges.count == limit { return edges }
                    }
                    position = EdgePosition(page: sequence + 1, index: -1)
                }
            }
            return edges
        }
    }

    static func logEntry(from row: Row) throws -> CrawlLogEntry {
        guard let step = CrawlLogEntry.Step(rawValue: row["step"]), let status = CrawlLogEntry.Status(rawValue: row["status"])
        else { throw StoreError(.corrupt, "bad run log row") }
        return CrawlLogEntry(sequence: row["seq"], step: step, status: status, url: row["url"], host: row["host"],
                             depth: row["depth"], httpStatus: row["http_status"], latencyMilliseconds: row["latency_ms"],
                             reason: row["reason"], at: Date(timeIntervalSince1970: row["at"]))
    }

    static func link(from row: Row) throws -> FrontierRecord {
        guard let state = FrontierRecord.State(rawValue: row["state"]) else { throw StoreError(.corrupt, "bad frontier row") }
        return FrontierRecord(fingerprint: RowCoding.fingerprint(row["fingerprint"]), url: row["url"], depth: row["depth"],
                              parentURL: row["parent_url"], state: state, reason: row["reason"],
                              redirectHops: row["redirect_hops"], httpStatus: row["http_status"])
    }
}
