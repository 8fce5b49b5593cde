import Foundation
import PostgresNIO
import TrawlCore

extension PostgresStore: RunDataStore {
    public func logEntries(matching query: RunLogQuery) async throws(StoreError) -> [CrawlLogEntry] {
        var filter = PostgresListFilter()
        filter.anyOf("step", query.steps.map(\.rawValue))
        filter.anyOf("status", query.statuses.map(\.rawValue))
        filter.anyOf("host", query.hosts)
        filter.anyOf("reason", query.reasons)
        if let after = query.after { filter.greater("seq", after) }
        let limit = Self.sqlLimit(query.limit)
        let logger = logger
        return try await connection("read the log of run \(query.runID)") { [filter] connection in
            let runKey = try await Self.runKey(query.runID, on: connection, logger: logger)
            var binds = filter.binds
            binds.append(runKey)
            binds.append(limit)
            let statement = PostgresQuery(unsafeSQL: """
                SELECT * FROM run_log WHERE run_key = $\(binds.count - 1) AND \(filter.condition)
                ORDER BY seq LIMIT $\(binds.count)
                """, binds: binds)
            return try await Self.rows(of: statement, on: connection, logger: logger)
                .map { row throws(StoreError) in try Self.logEntry(from: row) }
        }
    }

    public func links(matching query: RunLinkQuery) async throws(StoreError) -> [FrontierRecord] {
        var filter = PostgresListFilter()
        filter.anyOf("state", query.states.map(\.rawValue))
        if let after = query.after { filter.greater("fingerprint", PostgresCoding.column(after)) }
        let limit = Self.sqlLimit(query.limit)
        let logger = logger
        return try await connection("read the URLs of run \(query.runID)") { [filter] connection in
            let runKey = try await Self.runKey(query.runID, on: connection, logger: logger)
            var binds = filter.binds
            binds.append(runKey)
            binds.append(limit)
            // The primary key (run_key, fingerprint) serves both the filter and the order: no sort, however big.
            let statement = PostgresQuery(unsafeSQL: """
                SELECT * FROM frontier WHERE run_key = $\(binds.count - 1) AND \(filter.condition)
                ORDER BY fingerprint LIMIT $\(binds.count)
                """, binds: binds)
            return try await Self.rows(of: statement, on: connection, logger: logger)
                .map { row throws(StoreError) in try Self.link(from: row) }
        }
    }

    public func edges(of runID: RunID, after: EdgePosition?, limit: Int) async throws(StoreError) -> [LinkEdge] {
        let logger = logger
        return try await connection("read the link graph of run \(runID)") { connection in
            let runKey = try await Self.runKey(runID, on: connection, logger: logger)
            var edges: [LinkEdge] = []
            var position = after ?? EdgePosition(page: 0, index: -1)
            // Pages hold their edges as a list; read pages in chunks until the page of edges is full. The chunks start
            // at one page and double: a page can hold thousands of links (megabytes), and one is often enough.
            var chunk = 1
            while edges.count < limit {
                let rows = try await Self.rows(of: """
                    SELECT seq, url, outlinks, redirect_target FROM pages
                    WHERE run_key = \(runKey) AND seq >= \(position.page) ORDER BY seq LIMIT \(chunk)
                    """, on: connection, logger: logger)
                if rows.isEmpty { break }
                chunk = min(chunk * 2, 64)
                for row in rows {
                    let sequence: Int64 = try row.value("seq")
                    let from: String = try row.value("url")
                    let outlinks: String = try row.value("outlinks")
                    var targets = outlinks.isEmpty ? [] : outlinks.split(separator: "\n").map { (String($0), LinkEdge.Kind.link) }
                    if let redirect = try row.value("redirect_target", as: String?.self) { targets.append((redirect, .redirect)) }
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

    static func logEntry(from row: PostgresRandomAccessRow) throws(StoreError) -> CrawlLogEntry {
        guard let step = CrawlLogEntry.Step(rawValue: try row.value("step")),
              let status = CrawlLogEntry.Status(rawValue: try row.value("status"))
        else { throw StoreError(.corrupt, "bad run log row") }
        return CrawlLogEntry(sequence: try row.value("seq"), step: step, status: status, url: try row.value("url"),
                             host: try row.value("host"), depth: try row.value("depth"),
                             httpStatus: try row.value("http_status"), latencyMilliseconds: try row.value("latency_ms"),
                             reason: try row.value("reason"), at: Date(timeIntervalSince1970: try row.value("at")))
    }

    static func link(from row: PostgresRandomAccessRow) throws(StoreError) -> FrontierRecord {
        guard let state = FrontierRecord.State(rawValue: try row.value("state")) else {
            throw StoreError(.corrupt, "bad frontier row")
        }
        return FrontierRecord(fingerprint: PostgresCoding.fingerprint(try row.value("fingerprint")), url: try row.value("url"),
                              depth: try row.value("depth"), parentURL: try row.value("parent_url"), state: state,
                              reason: try row.value("reason"), redirectHops: try row.value("redirect_hops"),
                              httpStatus: try row.value("http_status"))
    }
}
