import Foundation
import NIOCore
import PostgresNIO
import TrawlCore

extension PostgresStore: DocumentStore {
    public func pipelineProgress(of runID: RunID) async throws(StoreError) -> PipelineProgress {
        let rows = try await rows("read the pipeline progress of run \(runID)",
                                  "SELECT pipeline FROM runs WHERE id = \(runID.uuid)")
        guard let column = try rows.first?.value("pipeline", as: JSONColumn?.self) else { return PipelineProgress() }
        return try PipelineProgress(json: column.text)
    }

    public func previousDocuments(jobID: JobID, urls: [String], excluding runID: RunID) async throws(StoreError) -> [String: PreviousDocument] {
        guard !urls.isEmpty else { return [:] }
        let urls = Array(Set(urls))
        let logger = logger
        let rows = try await connection("read previous documents of job \(jobID)") { connection in
            let runKey = try await Self.runKey(runID, on: connection, logger: logger)
            // The latest non-failed document of each URL first, then the model of its chunks (for those rows only).
            return try await Self.rows(of: """
                SELECT p.*,
                       (SELECT CASE WHEN count(*) = count(c.embedding) AND count(DISTINCT c.model) = 1 THEN max(c.model) END
                        FROM chunks c WHERE c.document_id = p.id) AS model
                FROM (SELECT DISTINCT ON (d.url) d.id, d.url, d.content_sha256, d.chunks, d.change, d.payload_sha256,
                             d.recipe, d.title, d.language, d.canonical_url
                      FROM documents d
                      WHERE d.job_id = \(jobID.uuid) AND d.url = ANY(\(urls)) AND d.run_key <> \(runKey)
                        AND d.status <> 'failed'
                      ORDER BY d.url, d.id DESC) p
                """, on: connection, logger: logger)
        }
        var found: [String: PreviousDocument] = [:]
        for row in rows {
            // A tombstone is the latest word: the URL has no live document to compare with.
            guard try row.value("change", as: String.self) != DocumentWrite.Change.delete.rawValue else { continue }
            var previous = PreviousDocument(id: try row.value("id"), contentSHA256: try row.value("content_sha256"),
                                            embeddedWith: try row.value("model"), chunkCount: try row.value("chunks"))
            previous.payloadSHA256 = try row.value("payload_sha256")
            previous.recipe = try row.value("recipe")
            previous.title = try row.value("title")
            previous.language = try row.value("language")
            previous.canonicalURL = try row.value("canonical_url")
            found[try row.value("url", as: String.self)] = previous
        }
        return found
    }

    public func commitDocuments(_ writes: [DocumentWrite], of runID: RunID,
                                progress: PipelineProgress) async throws(StoreError) -> [StoredVector] {
        let progressJSON = JSONColumn(progress.json)
        var headingPaths: [[String]] = []
        for write in writes {
            guard case .chunks(let chunks) = write.content else { headingPaths.append([]); continue }
            var paths: [String] = []
            for chunk in chunks { paths.append(try PostgresCoding.json(chunk.headingPath).text) }
            headingPaths.append(paths)
        }
        let now = Timestamp.now()
        let logger = logger
        return try await transaction("write documents of run \(runID)") { connection in
            guard let run = try await Self.rows(of: "SELECT key, job_id FROM runs WHERE id = \(runID.uuid)",
                                                on: connection, logger: logger).first else {
                throw StoreError(.notFound, "run \(runID) does not exist")
            }
            let runKey: Int64 = try run.value("key")
            let jobID: UUID = try run.value("job_id")
            var copied: [StoredVector] = []
            // New chunks of every document go in at once, as parallel arrays (one statement, not one per row).
            var chunkRows = ChunkRows()
            for (position, write) in writes.enumerated() {
                let status: String, error: String?, source: Int64?
                var chunkCount = 0
                switch write.content {
                case .chunks(let chunks): (status, chunkCount, error, source) = ("indexed", chunks.count, nil, nil)
                case .copy(let from): (status, error, source) = ("embedded", nil, from)
                case .failed(let reason): (status, error, source) = ("failed", reason, nil)
                case .deleted: (status, error, source) = (DocumentRecord.Status.deleted.rawValue, nil, nil)
                }
                // A copy counts the chunks of the document it copies (0 if that is gone).
                let inserted = try await Self.rows(of: """
                    INSERT INTO documents (run_key, job_id, page_seq, url, title, language, canonical_url, content_sha256,
                                           change, status, chunks, error, updated_at, payload_sha256, recipe)
                    VALUES (\(runKey), \(jobID), \(write.pageSequence), \(write.url), \(write.title), \(write.language),
                            \(write.canonicalURL), \(write.contentSHA256), \(write.change.rawValue), \(status),
                            COALESCE((SELECT s.chunks FROM documents s WHERE s.id = \(source)), \(chunkCount)),
                            \(error), \(now), \(write.payloadSHA256), \(write.recipe))
                    RETURNING id
                    """, on: connection, logger: logger)
                guard let documentID = try inserted.first?.value("id", as: Int64.self) else {
                    throw StoreError(.io, "could not write a document of run \(runID)")
                }
                let title = write.title ?? ""
                switch write.content {
                case .chunks(let chunks):
                    for (chunk, path) in zip(chunks, headingPaths[position]) {
                        chunkRows.append(chunk, document: documentID, title: title, headingPath: path)
                    }
                case .copy(let source):
                    // The new rows get new IDs (and their own search vectors, computed by the column).
                    let rows = try await Self.rows(of: """
                        INSERT INTO chunks (document_id, run_key, chunk_index, title, heading, heading_path, text,
                                            embed_text, start_offset, end_offset, token_count, embedding, model)
                        SELECT \(documentID), \(runKey), chunk_index, \(title), heading, heading_path, text, NULL,
                               start_offset, end_offset, token_count, embedding, model
                        FROM chunks WHERE document_id = \(source) ORDER BY chunk_index
                        RETURNING id, model, embedding
                        """, on: connection, logger: logger)
                    var vectors: [StoredVector] = []
                    for row in rows {
                        guard let embedding = try row.value("embedding", as: Data?.self) else { continue }
                        vectors.append(StoredVector(chunkID: try row.value("id"), runKey: runKey,
                                                    model: try row.value("model", as: String?.self) ?? "",
                                                    vector: Self.vectorFloats(embedding)))
                    }
                    copied += vectors.sorted { $0.chunkID < $1.chunkID }
                case .failed, .deleted:
                    break
                }
            }
            if !chunkRows.documentIDs.isEmpty {
                try await Self.execute(chunkRows.insertion(runKey: runKey), on: connection, logger: logger)
            }
            try await Self.execute("UPDATE runs SET pipeline = \(progressJSON) WHERE key = \(runKey)",
                                   on: connection, logger: logger)
            return copied
        }
    }

    public func pendingChunks(of runID: RunID, limit: Int) async throws(StoreError) -> [PendingChunk] {
        let logger = logger
        let rows = try await connection("read chunks to embed of run \(runID)") { connection in
            let runKey = try await Self.runKey(runID, on: connection, logger: logger)
            return try await Self.rows(of: """
                SELECT id, document_id, COALESCE(embed_text, text) AS text FROM chunks
                WHERE run_key = \(runKey) AND embedding IS NULL AND NOT embed_failed ORDER BY id LIMIT \(limit)
                """, on: connection, logger: logger)
        }
        return try rows.map { row throws(StoreError) in
            PendingChunk(id: try row.value("id"), documentID: try row.value("document_id"), text: try row.value("text"))
        }
    }

    public func saveVectors(_ vectors: [(chunkID: Int64, vector: [Float])], model: String, of runID: RunID,
                            progress: PipelineProgress) async throws(StoreError) -> PipelineProgress {
        let ids = vectors.map(\.chunkID)
        let embeddings = vectors.map { Self.vectorBytes($0.vector) }
        let logger = logger
        return try await transaction("save vectors of run \(runID)") { connection in
            let runKey = try await Self.runKey(runID, on: connection, logger: logger)
            // The embedder's text has served its purpose: dropped (as for failed chunks), it stays only while pending.
            try await Self.execute("""
                UPDATE chunks SET embedding = v.embedding, model = \(model), embed_text = NULL
                FROM unnest(\(ids)::bigint[], \(embeddings)::bytea[]) AS v(id, embedding)
                WHERE chunks.id = v.id
                """, on: connection, logger: logger)
            // Documents whose last chunk without a vector was in this batch are now embedded.
            let completed = try await Self.execute("""
                UPDATE documents SET status = 'embedded'
                WHERE id IN (SELECT DISTINCT document_id FROM chunks WHERE id = ANY(\(ids)))
                  AND status = 'indexed'
                  AND NOT EXISTS (SELECT 1 FROM chunks c WHERE c.document_id = documents.id AND c.embedding IS NULL)
                RETURNING 1
                """, on: connection, logger: logger)
            var written = progress
            written.documents.embedded += completed
            try await Self.execute("UPDATE runs SET pipeline = \(JSONColumn(written.json)) WHERE key = \(runKey)",
                                   on: connection, logger: logger)
            return written
        }
    }

    public func failDocuments(of chunks: [PendingChunk], reason: String, of runID: RunID,
                              progress: PipelineProgress) async throws(StoreError) -> PipelineProgress {
        let documentIDs = Array(Set(chunks.map(\.documentID)))
        let logger = logger
        return try await transaction("mark documents of run \(runID) failed") { connection in
            let runKey = try await Self.runKey(runID, on: connection, logger: logger)
            var written = progress
            if !documentIDs.isEmpty {
                // Every chunk of a failed document is given up, not only this batch's: none will be embedded.
                try await Self.execute("""
                    UPDATE chunks SET embed_failed = true, embed_text = NULL
                    WHERE document_id = ANY(\(documentIDs)) AND embedding IS NULL
                    """, on: connection, logger: logger)
                written.documents.failed += try await Self.execute("""
                    UPDATE documents SET status = 'failed', error = \(reason)
                    WHERE id = ANY(\(documentIDs)) AND status <> 'failed' RETURNING 1
                    """, on: connection, logger: logger)
            }
            try await Self.execute("UPDATE runs SET pipeline = \(JSONColumn(written.json)) WHERE key = \(runKey)",
                                   on: connection, logger: logger)
            return written
        }
    }

    public func commitDisappeared(of runID: RunID, progress: PipelineProgress) async throws(StoreError) -> PipelineProgress {
        let now = Timestamp.now()
        let logger = logger
        return try await transaction("record documents gone from run \(runID)") { connection in
            let runKey = try await Self.runKey(runID, on: connection, logger: logger)
            // The job's previous run with documents carried every live one forward, so its set is the site as last
            // seen (scanning every earlier run would cost a nightly job more each night). Its live documents that this
            // run made none for are gone, unless this run could not tell: the URL failed, answered 5xx or 429, or its
            // host's robots.txt could not be read. Those keep their documents until a run sees them.
            let previous = try await Self.rows(of: """
                SELECT x.key FROM runs x
                WHERE x.job_id = (SELECT job_id FROM runs WHERE key = \(runKey)) AND x.key < \(runKey)
                  AND EXISTS (SELECT 1 FROM documents d WHERE d.run_key = x.key)
                ORDER BY x.key DESC LIMIT 1
                """, on: connection, logger: logger).first
            var written = progress
            if let previous {
                let previousKey: Int64 = try previous.value("key")
                written.documents.deletes += try await Self.execute("""
                    INSERT INTO documents (run_key, job_id, page_seq, url, title, language, canonical_url, content_sha256,
                                           change, status, chunks, error, updated_at)
                    SELECT \(runKey), d.job_id, 0, d.url, d.title, d.language, d.canonical_url, d.content_sha256,
                           'delete', 'deleted', 0, NULL, \(now)
                    FROM documents d
                    WHERE d.run_key = \(previousKey) AND d.status NOT IN ('failed', 'deleted')
                      AND NOT EXISTS (SELECT 1 FROM documents n
                                      WHERE n.job_id = d.job_id AND n.url = d.url AND n.run_key = \(runKey))
                      AND NOT EXISTS (SELECT 1 FROM frontier u
                                      WHERE u.run_key = \(runKey) AND u.url = d.url
                                        AND (u.state = 'failed' OR u.http_status >= 500 OR u.http_status = 429
                                             OR u.reason IN ('robots_unavailable', 'blocked_address')))
                    ORDER BY d.id
                    RETURNING 1
                    """, on: connection, logger: logger)
            }
            try await Self.execute("UPDATE runs SET pipeline = \(JSONColumn(written.json)) WHERE key = \(runKey)",
                                   on: connection, logger: logger)
            return written
        }
    }

    public func savePipelineProgress(_ progress: PipelineProgress, of runID: RunID) async throws(StoreError) {
        let progressJSON = JSONColumn(progress.json)
        let logger = logger
        _ = try await transaction("save the pipeline progress of run \(runID)") { connection in
            try await Self.execute("UPDATE runs SET pipeline = \(progressJSON) WHERE id = \(runID.uuid)",
                                   on: connection, logger: logger)
        }
    }

    public func runKey(of runID: RunID) async throws(StoreError) -> Int64 {
        let logger = logger
        return try await connection("read the key of run \(runID)") { connection in
            try await Self.runKey(runID, on: connection, logger: logger)
        }
    }
}

extension PostgresStore: VectorStore {
    public func vectors(after chunkID: Int64, limit: Int) async throws(StoreError) -> [StoredVector] {
        // As for one run (below): a run's vectors above its first chunk still waiting are left for the catch-up.
        try await rows("read vectors", """
            SELECT c.id, c.run_key, c.model, c.embedding FROM chunks c
            WHERE c.id > \(chunkID) AND c.embedding IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM chunks w
                              WHERE w.run_key = c.run_key AND w.id < c.id AND w.embedding IS NULL AND NOT w.embed_failed
                                AND w.embed_text IS NOT NULL)
            ORDER BY c.id LIMIT \(limit)
            """).map { row throws(StoreError) in
            StoredVector(chunkID: try row.value("id"), runKey: try row.value("run_key"),
                         model: try row.value("model", as: String?.self) ?? "",
                         vector: Self.vectorFloats(try row.value("embedding")))
        }
    }

    public func vectors(ofRun runKey: Int64, after chunkID: Int64, limit: Int) async throws(StoreError) -> [StoredVector] {
        // Several processes embed a run's chunks at once (`SharedEmbeddingStore`), so a vector may be written below one
        // already read: only vectors below the run's first chunk still waiting for one are read, those above it once it
        // has its own. A reader's position then never passes a vector still to come.
        try await rows("read vectors of a run", """
            SELECT id, run_key, model, embedding FROM chunks
            WHERE run_key = \(runKey) AND id > \(chunkID) AND embedding IS NOT NULL
              AND id < COALESCE((SELECT min(id) FROM chunks
                                 WHERE run_key = \(runKey) AND embedding IS NULL AND NOT embed_failed
                                   AND embed_text IS NOT NULL), 9223372036854775807)
            ORDER BY id LIMIT \(limit)
            """).map { row throws(StoreError) in
            StoredVector(chunkID: try row.value("id"), runKey: try row.value("run_key"),
                         model: try row.value("model", as: String?.self) ?? "",
                         vector: Self.vectorFloats(try row.value("embedding")))
        }
    }

    // MARK: Helpers

    /// Floats as little-endian IEEE 754 bytes, the SQLite adapter's BLOB layout (what every platform we run on has
    /// natively).
    static func vectorBytes(_ vector: [Float]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(vector.count * MemoryLayout<Float>.size)
        vector.withUnsafeBytes { _ = buffer.writeBytes($0) }
        return buffer
    }

    static func vectorFloats(_ data: Data) -> [Float] {
        // Copied rather than bound: the bytes carry no alignment promise.
        var floats = [Float](repeating: 0, count: data.count / MemoryLayout<Float>.size)
        floats.withUnsafeMutableBytes { _ = data.copyBytes(to: $0) }
        return floats
    }
}

/// New chunks of a batch as parallel arrays, inserted by one `unnest` (postgres-nio binds no NULL inside an array,
/// so the embedder's text travels with a flag saying whether it is there).
private struct ChunkRows {
    var documentIDs: [Int64] = []
    var indexes: [Int] = []
    var titles: [String] = []
    var headings: [String] = []
    var headingPaths: [String] = []
    var texts: [String] = []
    var embedTexts: [String] = []
    var hasEmbedText: [Bool] = []
    var starts: [Int] = []
    var ends: [Int] = []
    var tokenCounts: [Int] = []

    mutating func append(_ chunk: Chunk, document: Int64, title: String, headingPath: String) {
        documentIDs.append(document)
        indexes.append(chunk.index)
        titles.append(title)
        headings.append(chunk.headingPath.joined(separator: " › "))
        headingPaths.append(headingPath)
        texts.append(chunk.text)
        embedTexts.append(chunk.embeddingText ?? "")
        hasEmbedText.append(chunk.embeddingText != nil)
        starts.append(chunk.start)
        ends.append(chunk.end)
        tokenCounts.append(chunk.tokenCount)
    }

    /// The INSERT, rows in the order appended (so chunk IDs follow documents and their chunk order).
    func insertion(runKey: Int64) -> PostgresQuery {
        """
        INSERT INTO chunks (document_id, run_key, chunk_index, title, heading, heading_path, text, embed_text,
                            start_offset, end_offset, token_count)
        SELECT u.document_id, \(runKey), u.chunk_index, u.title, u.heading, u.heading_path, u.text,
               CASE WHEN u.has_embed_text THEN u.embed_text END, u.start_offset, u.end_offset, u.token_count
        FROM unnest(\(documentIDs)::bigint[], \(indexes)::bigint[], \(titles)::text[], \(headings)::text[],
                    \(headingPaths)::text[], \(texts)::text[], \(embedTexts)::text[], \(hasEmbedText)::boolean[],
                    \(starts)::bigint[], \(ends)::bigint[], \(tokenCounts)::bigint[])
             WITH ORDINALITY AS u(document_id, chunk_index, title, heading, heading_path, text, embed_text,
                                  has_embed_text, start_offset, end_offset, token_count, position)
        ORDER BY u.position
        """
    }
}
