import Foundation
import GRDB
import TrawlCore

extension SQLiteStore: SearchStore {
    public func textSearch(_ query: SearchQuery) async throws(StoreError) -> [SearchHit] {
        guard let match = Self.ftsQuery(query.text) else { return [] }
        let (scope, arguments) = Self.runScope(query)
        return try await read("search") { db in
            let ranked = try Self.rankByText(db, match: match, scope: scope, arguments: arguments, limit: query.limit)
            guard !ranked.isEmpty else { return [] }
            let ids = ranked.map(\.id)
            let list = ids.map(String.init).joined(separator: ",")
            // Then the page of hits: snippets and the rest of each row, for those chunks only.
            var snippets: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT rowid AS id, snippet(chunks_fts, 2, char(57344), char(57345), '…', 32) AS snippet
                FROM chunks_fts WHERE chunks_fts MATCH ? AND rowid IN (\(list))
                """, arguments: [match]) {
                snippets[row["id"]] = row["snippet"]
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.id AS chunk_id, c.text, c.heading_path, c.title, d.url,
                       r.id AS run_id, r.job_id,
                       0.0 AS score, '' AS snippet
                FROM chunks c JOIN documents d ON d.id = c.document_id JOIN runs r ON r.key = c.run_key
                WHERE c.id IN (\(list))
                """)
            let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0["chunk_id"] as Int64, $0) })
            return ranked.compactMap { ranking -> SearchHit? in
                let id = ranking.id
                guard let row = byID[id] else { return nil }
                var hit = Self.hit(from: row)
                hit.score = ranking.score
                hit.snippet = Highlight.html(snippets[id] ?? "")
                return hit
            }
        }
    }

    /// The best `limit` chunks in scope for `match`, by BM25 (higher is better), best first.
    ///
    /// Ranking comes first, on cheap columns only: snippet() cuts text, and computed for every match before the sort
    /// it made a common word cost hundreds of milliseconds at 100k chunks. Weights: a term in the title counts 3×, in a
    /// heading 2×, in the text 1×; bm25() is lower-is-better, and its statistics are the whole index's either way.
    ///
    /// The full-text index alone ranks a few times `limit` candidates first, and only those are checked against the
    /// scope: joining every match to its chunk and run to test the scope cost two thirds of a common word's query
    /// (96 ms to 33 at 100k chunks). If at least `limit` candidates are in scope they are exactly the best in scope
    /// (any in-scope chunk ranked lower overall ranks below them; ties go by row ID both ways); otherwise (a narrow
    /// filter, a small tenant of a shared store) the joined query ranks the scope's matches alone, after the first
    /// query's few milliseconds.
    static func rankByText(_ db: Database, match: String, scope: String, arguments: [DatabaseValue],
                           limit: Int) throws -> [(id: Int64, score: Double)] {
        let breadth = max(limit * 4, 100)
        let candidates = try Row.fetchAll(db, sql: """
            SELECT rowid AS id, -bm25(chunks_fts, 3.0, 2.0, 1.0) AS score FROM chunks_fts
            WHERE chunks_fts MATCH ? ORDER BY bm25(chunks_fts, 3.0, 2.0, 1.0), rowid LIMIT ?
            """, arguments: [match, breadth]).map { (id: $0["id"] as Int64, score: $0["score"] as Double) }
        guard !candidates.isEmpty else { return [] }
        let list = candidates.map { String($0.id) }.joined(separator: ",")
        let inScope = try Set(Int64.fetchAll(db, sql: """
            SELECT c.id FROM chunks c JOIN runs r ON r.key = c.run_key WHERE c.id IN (\(list)) AND \(scope)
            """, arguments: StatementArguments(arguments)))
        let found = candidates.filter { inScope.contains($0.id) }
        if found.count >= limit || candidates.count < breadth { return Array(found.prefix(limit)) }
        return try Row.fetchAll(db, sql: """
            SELECT chunks_fts.rowid AS id, -bm25(chunks_fts, 3.0, 2.0, 1.0) AS score
            FROM chunks_fts
            JOIN chunks c ON c.id = chunks_fts.rowid
            JOIN runs r ON r.key = c.run_key
            WHERE chunks_fts MATCH ? AND \(scope)
            ORDER BY bm25(chunks_fts, 3.0, 2.0, 1.0), chunks_fts.rowid LIMIT ?
            """, arguments: StatementArguments([match.databaseValue] + arguments + [limit.databaseValue]))
            .map { (id: $0["id"] as Int64, score: $0["score"] as Double) }
    }

    public func chunks(ids: [Int64]) async throws(StoreError) -> [SearchHit] {
        guard !ids.isEmpty else { return [] }
        let list = ids.map(String.init).joined(separator: ",")
        let rows = try await read("read chunks") { db in
            try Row.fetchAll(db, sql: """
                SELECT c.id AS chunk_id, c.text, c.heading_path, c.title, d.url,
                       r.id AS run_id, r.job_id,
                       0.0 AS score, '' AS snippet
                FROM chunks c JOIN documents d ON d.id = c.document_id JOIN runs r ON r.key = c.run_key
                WHERE c.id IN (\(list))
                """).map(Self.hit(from:))
        }
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.chunkID, $0) })
        return ids.compactMap { byID[$0] }
    }

    public func searchableRuns(_ query: SearchQuery) async throws(StoreError) -> [Int64: PipelineOptions.Embedding] {
        let (scope, arguments) = Self.runScope(query)
        let rows = try await read("list searchable runs") { db in
            try Row.fetchAll(db, sql: "SELECT r.key, r.config FROM runs r WHERE \(scope)",
                             arguments: StatementArguments(arguments))
                .map { (key: $0["key"] as Int64, config: $0["config"] as String) }
        }
        var runs: [Int64: PipelineOptions.Embedding] = [:]
        for row in rows {
            let config: CrawlConfig
            do { config = try RowCoding.config(json: row.config) } catch { throw Self.storeError(error, doing: "read a run's config") }
            if config.pipeline.enabled, let embedding = config.pipeline.embedding { runs[row.key] = embedding }
        }
        return runs
    }

    public func documents(_ query: DocumentQuery) async throws(StoreError) -> [DocumentRecord] {
        var filter = ListFilter()
        filter.anyOf("status", query.statuses.map(\.rawValue))
        if let after = query.after { filter.greater("id", after) }
        let (condition, arguments) = filter.condition
        let limit = query.limit
        return try await read("list documents of run \(query.runID)") { db in
            let runKey = try Self.runKey(query.runID, in: db)
            return try Row.fetchAll(db, sql: "SELECT * FROM documents WHERE run_key = ? AND \(condition) ORDER BY id LIMIT ?",
                                    arguments: StatementArguments([runKey.databaseValue] + arguments + [limit.databaseValue]))
                .map(Self.document(from:))
        }
    }

    public func exportChunks(of runID: RunID, after: Int64, limit: Int, vectors: Bool) async throws(StoreError) -> [ExportedChunk] {
        try await read("export chunks of run \(runID)") { db in
            let runKey = try Self.runKey(runID, in: db)
            return try Row.fetchAll(db, sql: """
                SELECT c.id, d.url, d.title, c.heading_path, c.chunk_index, c.text,
                       c.start_offset, c.end_offset,
                       c.token_count, c.model, \(vectors ? "c.embedding" : "NULL AS embedding")
                FROM chunks c JOIN documents d ON d.id = c.document_id
                WHERE c.run_key = ? AND c.id > ? ORDER BY c.id LIMIT ?
                """, arguments: [runKey, after, limit]).map { row in
                ExportedChunk(id: row["id"], url: row["url"], title: row["title"],
                              headingPath: (try? RowCoding.decode([String].self, json: row["heading_path"])) ?? [],
                              index: row["chunk_index"], text: row["text"], start: row["start_offset"],
                              end: row["end_offset"], tokenCount: row["token_count"], model: row["model"],
                              embedding: (row["embedding"] as Data?).map(Self.floats))
            }
        }
    }

    // MARK: Helpers

    /// The user's words as an FTS5 query: each word quoted (so operators and punctuation mean nothing) and OR-ed,
    /// letting BM25 rank documents that have more of them higher; English stop words left out, as PostgreSQL's
    /// `english` configuration leaves them out (`SearchStopWords`); nil when there is no word to look for.
    static func ftsQuery(_ text: String) -> String? {
        let words = SearchStopWords.queryWords(text)
        guard !words.isEmpty else { return nil }
        return words.map { "\"\($0)\"" }.joined(separator: " OR ")
    }

    /// `r.`-qualified conditions on the runs a query may see.
    static func runScope(_ query: SearchQuery) -> (String, [DatabaseValue]) {
        var clauses = ["r.tenant_id = ?"]
        var arguments: [DatabaseValue] = [RowCoding.value(query.tenantID)]
        func anyOf(_ column: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            clauses.append("\(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ",")))")
            arguments += values.map(\.databaseValue)
        }
        anyOf("r.job_id", query.jobIDs.map(\.description))
        anyOf("r.id", query.runIDs.map(\.description))
        if query.runIDs.isEmpty { clauses.append(latestRunOfItsJob) }
        for (key, value) in query.labels.sorted(by: { $0.key < $1.key }) {
            clauses.append("EXISTS (SELECT 1 FROM json_each(r.labels) WHERE json_each.key = ? AND json_each.value = ?)")
            arguments += [RowCoding.value(key), RowCoding.value(value)]
        }
        return (clauses.joined(separator: " AND "), arguments)
    }

    /// Without named runs, a search sees each job as its latest run shows it: the latest whose text is fully indexed
    /// and that ended on its own (not stopped by hand or by a fault, which leaves a partial picture); else the latest
    /// fully indexed; else, while none is, the latest with documents. A job crawled every night would otherwise answer
    /// with one copy of each page per night, and with pages its latest run found gone.
    static let latestRunOfItsJob = """
        r.key = (
            SELECT x.key FROM runs x
            WHERE x.job_id = r.job_id
              AND EXISTS (SELECT 1 FROM documents d WHERE d.run_key = x.key AND d.status != 'deleted')
            ORDER BY json_extract(x.pipeline, '$.textIndexedAt') IS NOT NULL
                         AND COALESCE(x.stop_reason NOT IN ('manual', 'unknown'), 0) DESC,
                     json_extract(x.pipeline, '$.textIndexedAt') IS NOT NULL DESC,
                     x.created_at DESC, x.id DESC
            LIMIT 1)
        """

    static func hit(from row: Row) -> SearchHit {
        SearchHit(chunkID: row["chunk_id"], runID: RunID(row["run_id"] as String) ?? RunID(),
                  jobID: JobID(row["job_id"] as String) ?? JobID(), url: row["url"],
                  title: (row["title"] as String?).flatMap { $0.isEmpty ? nil : $0 },
                  headingPath: (try? RowCoding.decode([String].self, json: row["heading_path"])) ?? [],
                  text: row["text"], snippet: row["snippet"], score: row["score"])
    }

    static func document(from row: Row) throws -> DocumentRecord {
        guard let status = DocumentRecord.Status(rawValue: row["status"]),
              let change = DocumentWrite.Change(rawValue: row["change"]) else { throw StoreError(.corrupt, "bad document row") }
        return DocumentRecord(id: row["id"], url: row["url"], title: row["title"], language: row["language"],
                              canonicalURL: row["canonical_url"], status: status, change: change, chunks: row["chunks"],
                              error: row["error"], contentSHA256: row["content_sha256"],
                              updatedAt: try RowCoding.date(row["updated_at"]) ?? Date())
    }
}
