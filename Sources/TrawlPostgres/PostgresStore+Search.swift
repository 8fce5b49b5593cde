import Foundation
import PostgresNIO
import TrawlCore

extension PostgresStore: SearchStore {
    public func textSearch(_ query: SearchQuery) async throws(StoreError) -> [SearchHit] {
        guard let words = Self.searchWords(query.text) else { return [] }
        let logger = logger
        let (ranked, rows) = try await connection("search") { connection in
            // Ranking first, BM25 on the search vector alone (PostgresSearchRanking.swift); the scope is a set of
            // runs, decided once per run (not per match).
            let statistics = try await self.searchStatistics(on: connection)
            var binds = PostgresBindings()
            binds.append(words)
            let wordList = binds.count
            let tsquery = Self.tsquery(words, binds: &binds)
            let scope = try Self.searchScope(query, binds: &binds)
            binds.append(statistics.chunks)
            let chunks = binds.count
            binds.append(statistics.averageLength)
            let averageLength = binds.count
            binds.append(Self.exactlyRanked(limit: query.limit))
            let breadth = binds.count
            binds.append(query.limit)
            let ranking = PostgresQuery(unsafeSQL: Self.rankingSQL(
                tsquery: tsquery, words: wordList, count: words.count, scope: scope, chunks: chunks,
                averageLength: averageLength, breadth: breadth, limit: binds.count), binds: binds)
            var ranked: [(id: Int64, score: Double)] = []
            for row in try await Self.rows(of: ranking, on: connection, logger: logger) {
                ranked.append((id: try row.value("id"), score: try row.value("score")))
            }
            guard !ranked.isEmpty else { return (ranked, [PostgresRandomAccessRow]()) }
            // Then the page of hits: snippets (ts_headline is costly) and the rest of each row, for those chunks only.
            // ts_headline drops what its parser takes for an HTML tag: '<' goes in as U+E002 and comes back out.
            binds = PostgresBindings()
            let headlineQuery = Self.tsquery(words, binds: &binds)
            binds.append(ranked.map(\.id))
            let ids = binds.count
            binds.append(Self.headlineOptions)
            let page = PostgresQuery(unsafeSQL: """
                WITH q AS (SELECT \(headlineQuery) AS query)
                SELECT c.id AS chunk_id, c.text, c.heading_path, c.title, d.url, r.id AS run_id, r.job_id,
                       ts_headline('english', replace(c.text, '<', chr(57346)), q.query, $\(binds.count)) AS snippet
                FROM chunks c JOIN documents d ON d.id = c.document_id JOIN runs r ON r.key = c.run_key, q
                WHERE c.id = ANY($\(ids))
                """, binds: binds)
            return (ranked, try await Self.rows(of: page, on: connection, logger: logger))
        }
        var byID: [Int64: SearchHit] = [:]
        for row in rows {
            var hit = try Self.searchHit(from: row)
            let text: String = try row.value("text")
            let marked = try row.value("snippet", as: String.self).replacingOccurrences(of: "\u{E002}", with: "<")
            hit.snippet = Highlight.html(Self.snippet(marked, of: text))
            byID[hit.chunkID] = hit
        }
        return ranked.compactMap { ranking -> SearchHit? in
            guard var hit = byID[ranking.id] else { return nil }
            hit.score = ranking.score
            return hit
        }
    }

    public func chunks(ids: [Int64]) async throws(StoreError) -> [SearchHit] {
        guard !ids.isEmpty else { return [] }
        let rows = try await rows("read chunks", """
            SELECT c.id AS chunk_id, c.text, c.heading_path, c.title, d.url, r.id AS run_id, r.job_id
            FROM chunks c JOIN documents d ON d.id = c.document_id JOIN runs r ON r.key = c.run_key
            WHERE c.id = ANY(\(ids))
            """)
        var byID: [Int64: SearchHit] = [:]
        for row in rows {
            let hit = try Self.searchHit(from: row)
            byID[hit.chunkID] = hit
        }
        return ids.compactMap { byID[$0] }
    }

    public func searchableRuns(_ query: SearchQuery) async throws(StoreError) -> [Int64: PipelineOptions.Embedding] {
        var binds = PostgresBindings()
        let scope = try Self.searchScope(query, binds: &binds)
        let rows = try await rows("list searchable runs",
                                  PostgresQuery(unsafeSQL: "SELECT r.key, r.config FROM runs r WHERE \(scope)", binds: binds))
        var runs: [Int64: PipelineOptions.Embedding] = [:]
        for row in rows {
            let config = try PostgresCoding.config(try row.value("config", as: JSONColumn.self))
            if config.pipeline.enabled, let embedding = config.pipeline.embedding { runs[try row.value("key")] = embedding }
        }
        return runs
    }

    public func documents(_ query: DocumentQuery) async throws(StoreError) -> [DocumentRecord] {
        let statuses = query.statuses.map(\.rawValue)
        let logger = logger
        let rows = try await connection("list documents of run \(query.runID)") { connection in
            let runKey = try await Self.runKey(query.runID, on: connection, logger: logger)
            var binds = PostgresBindings()
            binds.append(runKey)
            var clauses = ["run_key = $1"]
            if !statuses.isEmpty {
                binds.append(statuses)
                clauses.append("status = ANY($\(binds.count))")
            }
            if let after = query.after {
                binds.append(after)
                clauses.append("id > $\(binds.count)")
            }
            binds.append(query.limit)
            return try await Self.rows(of: PostgresQuery(unsafeSQL: """
                SELECT * FROM documents WHERE \(clauses.joined(separator: " AND ")) ORDER BY id LIMIT $\(binds.count)
                """, binds: binds), on: connection, logger: logger)
        }
        return try rows.map { row throws(StoreError) in try Self.documentRecord(from: row) }
    }

    public func exportChunks(of runID: RunID, after: Int64, limit: Int, vectors: Bool) async throws(StoreError) -> [ExportedChunk] {
        let logger = logger
        let rows = try await connection("export chunks of run \(runID)") { connection in
            let runKey = try await Self.runKey(runID, on: connection, logger: logger)
            return try await Self.rows(of: """
                SELECT c.id, d.url, d.title, c.heading_path, c.chunk_index, c.text, c.start_offset, c.end_offset,
                       c.token_count, c.model, CASE WHEN \(vectors) THEN c.embedding END AS embedding
                FROM chunks c JOIN documents d ON d.id = c.document_id
                WHERE c.run_key = \(runKey) AND c.id > \(after) ORDER BY c.id LIMIT \(limit)
                """, on: connection, logger: logger)
        }
        return try rows.map { row throws(StoreError) in
            ExportedChunk(id: try row.value("id"), url: try row.value("url"), title: try row.value("title"),
                          headingPath: Self.headingPath(try row.value("heading_path")),
                          index: try row.value("chunk_index"), text: try row.value("text"),
                          start: try row.value("start_offset"), end: try row.value("end_offset"),
                          tokenCount: try row.value("token_count"), model: try row.value("model"),
                          embedding: try row.value("embedding", as: Data?.self).map(Self.vectorFloats))
        }
    }

    // MARK: Helpers

    /// The user's words, as the SQLite adapter's `ftsQuery` cuts them (`SearchStopWords.queryWords`); nil when there
    /// is no word to look for.
    static func searchWords(_ text: String) -> [String]? {
        let words = SearchStopWords.queryWords(text)
        return words.isEmpty ? nil : words
    }

    /// The words as one tsquery, each word a phrase of its own (as FTS5's quoted words are) and the words OR-ed, so
    /// the rank favours chunks with more of them; every word is a bind, never SQL text.
    static func tsquery(_ words: [String], binds: inout PostgresBindings) -> String {
        var terms: [String] = []
        for word in words {
            binds.append(word)
            terms.append("phraseto_tsquery('english', $\(binds.count))")
        }
        return "(" + terms.joined(separator: " || ") + ")"
    }

    /// FTS5's snippet() as the SQLite adapter asks for it: marks U+E000/U+E001, about 32 words, one fragment.
    static let headlineOptions =
        "StartSel=\u{E000}, StopSel=\u{E001}, MaxFragments=1, MaxWords=32, MinWords=12, FragmentDelimiter=…"

    /// `marked` (a fragment of `text`) with "…" where it cuts the text short, as FTS5's snippet() writes it.
    static func snippet(_ marked: String, of text: String) -> String {
        let plain = String(marked.unicodeScalars.filter { $0 != "\u{E000}" && $0 != "\u{E001}" })
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !plain.isEmpty else { return marked }
        let whole = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var snippet = marked.trimmingCharacters(in: .whitespacesAndNewlines)
        if !whole.hasPrefix(plain) { snippet = "…" + snippet }
        if !whole.hasSuffix(plain) { snippet += "…" }
        return snippet
    }

    /// `r.`-qualified conditions on the runs a query may see; values are appended to `binds`.
    static func searchScope(_ query: SearchQuery, binds: inout PostgresBindings) throws(StoreError) -> String {
        binds.append(query.tenantID)
        var clauses = ["r.tenant_id = $\(binds.count)"]
        if !query.jobIDs.isEmpty {
            binds.append(query.jobIDs.map(\.uuid))
            clauses.append("r.job_id = ANY($\(binds.count))")
        }
        if !query.runIDs.isEmpty {
            binds.append(query.runIDs.map(\.uuid))
            clauses.append("r.id = ANY($\(binds.count))")
        }
        if query.runIDs.isEmpty { clauses.append(latestRunOfItsJob) }
        if !query.labels.isEmpty {
            binds.append(try PostgresCoding.json(query.labels))
            clauses.append("r.labels @> $\(binds.count)::jsonb")
        }
        return clauses.joined(separator: " AND ")
    }

    /// Without named runs, a search sees each job as its latest run shows it: the latest whose text is fully indexed
    /// and that ended on its own (not stopped by hand or by a fault, which leaves a partial picture); else the latest
    /// fully indexed; else, while none is, the latest with documents. A job crawled every night would otherwise answer
    /// with one copy of each page per night, and with pages its latest run found gone.
    static let latestRunOfItsJob = """
        r.key = (
            SELECT x.key FROM runs x
            WHERE x.job_id = r.job_id
              AND EXISTS (SELECT 1 FROM documents d WHERE d.run_key = x.key AND d.status <> 'deleted')
            ORDER BY (x.pipeline ->> 'textIndexedAt') IS NOT NULL
                         AND COALESCE(x.stop_reason NOT IN ('manual', 'unknown'), false) DESC,
                     (x.pipeline ->> 'textIndexedAt') IS NOT NULL DESC,
                     x.created_at DESC, x.id DESC
            LIMIT 1)
        """

    static func searchHit(from row: PostgresRandomAccessRow) throws(StoreError) -> SearchHit {
        SearchHit(chunkID: try row.value("chunk_id"), runID: RunID(try row.value("run_id", as: UUID.self)),
                  jobID: JobID(try row.value("job_id", as: UUID.self)), url: try row.value("url"),
                  title: try row.value("title", as: String?.self).flatMap { $0.isEmpty ? nil : $0 },
                  headingPath: headingPath(try row.value("heading_path")),
                  text: try row.value("text"), snippet: "", score: 0)
    }

    static func headingPath(_ json: String) -> [String] {
        (try? PostgresCoding.decode([String].self, JSONColumn(json))) ?? []
    }

    static func documentRecord(from row: PostgresRandomAccessRow) throws(StoreError) -> DocumentRecord {
        guard let status = DocumentRecord.Status(rawValue: try row.value("status")),
              let change = DocumentWrite.Change(rawValue: try row.value("change")) else {
            throw StoreError(.corrupt, "bad document row")
        }
        return DocumentRecord(id: try row.value("id"), url: try row.value("url"), title: try row.value("title"),
                              language: try row.value("language"), canonicalURL: try row.value("canonical_url"),
                              status: status, change: change, chunks: try row.value("chunks"),
                              error: try row.value("error"), contentSHA256: try row.value("content_sha256"),
                              updatedAt: try row.value("updated_at"))
    }
}
