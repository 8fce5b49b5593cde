import Foundation
import GRDB
import TrawlCore

extension SQLiteStore: DocumentStore {
    public func pipelineProgress(of runID: RunID) async throws(StoreError) -> PipelineProgress {
        let text = try await read("read the pipeline progress of run \(runID)") { db in
            try String.fetchOne(db, sql: "SELECT pipeline FROM runs WHERE id = ?", arguments: [runID.description])
        }
        guard let text else { return PipelineProgress() }
        return try PipelineProgress(json: text)
    }

    public func previousDocuments(jobID: JobID, urls: [String], excluding runID: RunID) async throws(StoreError) -> [String: PreviousDocument] {
        guard !urls.isEmpty else { return [:] }
        return try await read("read previous documents of job \(jobID)") { db in
            let runKey = try Self.runKey(runID, in: db)
            let statement = try db.cachedStatement(sql: """
                SELECT d.id, d.content_sha256, d.chunks, d.change, d.payload_sha256, d.recipe, d.title, d.language,
                       d.canonical_url,
                       (SELECT CASE WHEN count(*) = count(c.embedding) AND count(DISTINCT c.model) = 1 THEN max(c.model) END
                        FROM chunks c WHERE c.document_id = d.id) AS model
                FROM documents d
                WHERE d.job_id = ? AND d.url = ? AND d.run_key != ? AND d.status != 'failed'
                ORDER BY d.id DESC LIMIT 1
                """)
            var found: [String: PreviousDocument] = [:]
            for url in Set(urls) {
                // A tombstone is the latest word: the URL has no live document to compare with.
                guard let row = try Row.fetchOne(statement, arguments: RowCoding.arguments([jobID.description, url, runKey])),
                      row["change"] as String != DocumentWrite.Change.delete.rawValue else { continue }
                var previous = PreviousDocument(id: row["id"], contentSHA256: row["content_sha256"],
                                                embeddedWith: row["model"], chunkCount: row["chunks"])
                previous.payloadSHA256 = row["payload_sha256"]
                previous.recipe = row["recipe"]
                previous.title = row["title"]
                previous.language = row["language"]
                previous.canonicalURL = row["canonical_url"]
                found[url] = previous
            }
            return found
        }
    }

    public func commitDocuments(_ writes: [DocumentWrite], of runID: RunID,
                                progress: PipelineProgress) async throws(StoreError) -> [StoredVector] {
        let progressJSON = StorableText.json(progress.json)
        let headingPaths = try encode {
            try writes.map { write -> [String] in
                guard case .chunks(let chunks) = write.content else { return [] }
                return try chunks.map { try RowCoding.json($0.headingPath) }
            }
        }
        let now = Timestamp.format(Timestamp.now())
        return try await write("write documents of run \(runID)") { db in
            let runKey = try Self.runKey(runID, in: db)
            var copied: [StoredVector] = []
            let jobID = try String.fetchOne(db, sql: "SELECT job_id FROM runs WHERE key = ?", arguments: [runKey]) ?? ""
            let insertDocument = try db.cachedStatement(sql: """
                INSERT INTO documents (run_key, job_id, page_seq, url, title, language, canonical_url, content_sha256,
                                       change, status, chunks, error, updated_at, payload_sha256, recipe)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertChunk = try db.cachedStatement(sql: """
                INSERT INTO chunks (document_id, run_key, chunk_index, title, heading, heading_path, text, embed_text,
                                    start_offset, end_offset, token_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let index = try db.cachedStatement(sql: "INSERT INTO chunks_fts(rowid, title, heading, text) VALUES (?, ?, ?, ?)")
            for (position, write) in writes.enumerated() {
                let status: String, chunkCount: Int, error: String?
                switch write.content {
                case .chunks(let chunks): (status, chunkCount, error) = ("indexed", chunks.count, nil)
                case .copy(let source):
                    let count = try Int.fetchOne(db, sql: "SELECT chunks FROM documents WHERE id = ?", arguments: [source]) ?? 0
                    (status, chunkCount, error) = ("embedded", count, nil)
                case .failed(let reason): (status, chunkCount, error) = ("failed", 0, reason)
                case .deleted: (status, chunkCount, error) = (DocumentRecord.Status.deleted.rawValue, 0, nil)
                }
                try insertDocument.execute(arguments: RowCoding.arguments([
                    runKey, jobID, write.pageSequence, write.url, write.title, write.language, write.canonicalURL,
                    write.contentSHA256, write.change.rawValue, status, chunkCount, error, now, write.payloadSHA256,
                    write.recipe,
                ]))
                let documentID = db.lastInsertedRowID
                let title = write.title ?? ""
                switch write.content {
                case .chunks(let chunks):
                    for (chunk, path) in zip(chunks, headingPaths[position]) {
                        let heading = chunk.headingPath.joined(separator: " › ")
                        try insertChunk.execute(arguments: RowCoding.arguments([
                            documentID, runKey, chunk.index, title, heading, path, chunk.text, chunk.embeddingText,
                            chunk.start, chunk.end, chunk.tokenCount,
                        ]))
                        try index.execute(arguments: RowCoding.arguments([db.lastInsertedRowID, title, heading, chunk.text]))
                    }
                case .copy(let source):
                    // The new rows get new IDs; the full-text index needs them too.
                    try db.execute(sql: """
                        INSERT INTO chunks (document_id, run_key, chunk_index, title, heading, heading_path, text,
                                            embed_text, start_offset, end_offset, token_count, embedding, model)
                        SELECT ?, ?, chunk_index, ?, heading, heading_path, text, NULL, start_offset, end_offset,
                               token_count, embedding, model
                        FROM chunks WHERE document_id = ? ORDER BY chunk_index
                        """, arguments: RowCoding.arguments([documentID, runKey, title, source]))
                    try db.execute(sql: """
                        INSERT INTO chunks_fts(rowid, title, heading, text)
                        SELECT id, title, heading, text FROM chunks WHERE document_id = ?
                        """, arguments: [documentID])
                    for row in try Row.fetchAll(db, sql: """
                        SELECT id, model, embedding FROM chunks WHERE document_id = ? AND embedding IS NOT NULL
                        """, arguments: [documentID]) {
                        copied.append(StoredVector(chunkID: row["id"], runKey: runKey, model: row["model"],
                                                   vector: Self.floats(row["embedding"])))
                    }
                case .failed, .deleted:
                    break
                }
            }
            try db.execute(sql: "UPDATE runs SET pipeline = ? WHERE key = ?", arguments: [progressJSON, runKey])
            return copied
        }
    }

    public func pendingChunks(of runID: RunID, limit: Int) async throws(StoreError) -> [PendingChunk] {
        try await read("read chunks to embed of run \(runID)") { db in
            let runKey = try Self.runKey(runID, in: db)
            return try Row.fetchAll(db, sql: """
                SELECT id, document_id, COALESCE(embed_text, text) AS text FROM chunks
                WHERE run_key = ? AND embedding IS NULL AND embed_failed = 0 ORDER BY id LIMIT ?
                """, arguments: [runKey, limit]).map { PendingChunk(id: $0["id"], documentID: $0["document_id"], text: $0["text"]) }
        }
    }

    public func saveVectors(_ vectors: [(chunkID: Int64, vector: [Float])], model: String, of runID: RunID,
                            progress: PipelineProgress) async throws(StoreError) -> PipelineProgress {
        let rows = vectors.map { ($0.chunkID, Self.blob($0.vector)) }
        return try await write("save vectors of run \(runID)") { db in
            let runKey = try Self.runKey(runID, in: db)
            // The embedder's text has served its purpose: dropped (as for failed chunks), it stays only while pending.
            let save = try db.cachedStatement(sql: "UPDATE chunks SET embedding = ?, model = ?, embed_text = NULL WHERE id = ?")
            for (id, blob) in rows { try save.execute(arguments: RowCoding.arguments([blob, model, id])) }
            let ids = rows.map { String($0.0) }.joined(separator: ",")
            // Documents whose last chunk without a vector was in this batch are now embedded.
            try db.execute(sql: """
                UPDATE documents SET status = 'embedded'
                WHERE id IN (SELECT DISTINCT document_id FROM chunks WHERE id IN (\(ids)))
                  AND status = 'indexed'
                  AND NOT EXISTS (SELECT 1 FROM chunks c WHERE c.document_id = documents.id AND c.embedding IS NULL)
                """)
            var written = progress
            written.documents.embedded += db.changesCount
            try db.execute(sql: "UPDATE runs SET pipeline = ? WHERE key = ?", arguments: [StorableText.json(written.json), runKey])
            return written
        }
    }

    public func failDocuments(of chunks: [PendingChunk], reason: String, of runID: RunID,
                              progress: PipelineProgress) async throws(StoreError) -> PipelineProgress {
        let documentIDs = Set(chunks.map(\.documentID)).map(String.init).joined(separator: ",")
        return try await write("mark documents of run \(runID) failed") { db in
            let runKey = try Self.runKey(runID, in: db)
            var written = progress
            if !chunks.isEmpty {
                // Every chunk of a failed document is given up, not only this batch's: none will be embedded.
                try db.execute(sql: """
                    UPDATE chunks SET embed_failed = 1, embed_text = NULL WHERE document_id IN (\(documentIDs)) AND embedding IS NULL
                    """)
                try db.execute(sql: """
                    UPDATE documents SET status = 'failed', error = ? WHERE id IN (\(documentIDs)) AND status != 'failed'
                    """, arguments: RowCoding.arguments([reason]))
                written.documents.failed += db.changesCount
            }
            try db.execute(sql: "UPDATE runs SET pipeline = ? WHERE key = ?", arguments: [StorableText.json(written.json), runKey])
            return written
        }
    }

    public func commitDisappeared(of runID: RunID, progress: PipelineProgress) async throws(StoreError) -> PipelineProgress {
        let now = Timestamp.format(Timestamp.now())
        return try await write("record documents gone from run \(runID)") { db in
            let runKey = try Self.runKey(runID, in: db)
            // The job's previous run with documents carried every live one forward, so its set is the site as last
            // seen (scanning every earlier run would cost a nightly job more each night). Its live documents that this
            // run made none for are gone, unless this run could not tell: the URL failed, answered 5xx or 429, or its
            // host's robots.txt could not be read. Those keep their documents until a run sees them.
            guard let previous = try Int64.fetchOne(db, sql: """
                SELECT x.key FROM runs x
                WHERE x.job_id = (SELECT job_id FROM runs WHERE key = ?) AND x.key < ?
                  AND EXISTS (SELECT 1 FROM documents d WHERE d.run_key = x.key)
                ORDER BY x.key DESC LIMIT 1
                """, arguments: [runKey, runKey]) else {
                try db.execute(sql: "UPDATE runs SET pipeline = ? WHERE key = ?", arguments: [StorableText.json(progress.json), runKey])
                return progress
            }
            try db.execute(sql: "DROP TABLE IF EXISTS temp.unsure")
            try db.execute(sql: """
                CREATE TEMP TABLE unsure AS SELECT url FROM frontier
                WHERE run_key = ? AND (state = 'failed' OR http_status >= 500 OR http_status = 429
                                       OR reason IN ('robots_unavailable', 'blocked_address'))
                """, arguments: [runKey])
            try db.execute(sql: "CREATE INDEX temp.unsure_by_url ON unsure(url)")
            try db.execute(sql: """
                INSERT INTO documents (run_key, job_id, page_seq, url, title, language, canonical_url, content_sha256,
                                       change, status, chunks, error, updated_at)
                SELECT ?, d.job_id, 0, d.url, d.title, d.language, d.canonical_url, d.content_sha256, 'delete', 'deleted',
                       0, NULL, ?
                FROM documents d
                WHERE d.run_key = ? AND d.status NOT IN ('failed', 'deleted')
                  AND NOT EXISTS (SELECT 1 FROM documents n WHERE n.job_id = d.job_id AND n.url = d.url AND n.run_key = ?)
                  AND NOT EXISTS (SELECT 1 FROM temp.unsure u WHERE u.url = d.url)
                """, arguments: [runKey, now, previous, runKey])
            let gone = db.changesCount
            try db.execute(sql: "DROP TABLE temp.unsure")
            var written = progress
            written.documents.deletes += gone
            try db.execute(sql: "UPDATE runs SET pipeline = ? WHERE key = ?", arguments: [StorableText.json(written.json), runKey])
            return written
        }
    }

    public func savePipelineProgress(_ progress: PipelineProgress, of runID: RunID) async throws(StoreError) {
        let progressJSON = StorableText.json(progress.json)
        try await write("save the pipeline progress of run \(runID)") { db in
            try db.execute(sql: "UPDATE runs SET pipeline = ? WHERE id = ?", arguments: [progressJSON, runID.description])
        }
    }

    public func runKey(of runID: RunID) async throws(StoreError) -> Int64 {
        try await read("read the key of run \(runID)") { db in try Self.runKey(runID, in: db) }
    }
}

extension SQLiteStore: VectorStore {
    public func vectors(after chunkID: Int64, limit: Int) async throws(StoreError) -> [StoredVector] {
        try await read("read vectors") { db in
            try Row.fetchAll(db, sql: """
                SELECT c.id, c.run_key, c.model, c.embedding FROM chunks c
                WHERE c.id > ? AND c.embedding IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM chunks w
                                  WHERE w.run_key = c.run_key AND w.id < c.id AND w.embedding IS NULL
                                    AND w.embed_failed = 0 AND w.embed_text IS NOT NULL)
                ORDER BY c.id LIMIT ?
                """, arguments: [chunkID, limit]).map { row in
                StoredVector(chunkID: row["id"], runKey: row["run_key"], model: row["model"],
                             vector: Self.floats(row["embedding"]))
            }
        }
    }

    public func vectors(ofRun runKey: Int64, after chunkID: Int64, limit: Int) async throws(StoreError) -> [StoredVector] {
        try await read("read vectors of a run") { db in
            try Row.fetchAll(db, sql: """
                SELECT id, run_key, model, embedding FROM chunks
                WHERE run_key = ? AND id > ? AND embedding IS NOT NULL
                  AND id < coalesce((SELECT min(id) FROM chunks
                                     WHERE run_key = ? AND embedding IS NULL AND embed_failed = 0
                                       AND embed_text IS NOT NULL), 9223372036854775807)
                ORDER BY id LIMIT ?
                """, arguments: [runKey, chunkID, runKey, limit]).map { row in
                StoredVector(chunkID: row["id"], runKey: row["run_key"], model: row["model"],
                             vector: Self.floats(row["embedding"]))
            }
        }
    }

    /// Floats as little-endian IEEE 754 bytes: compact, and what every platform we run on has natively.
    static func blob(_ vector: [Float]) -> Data {
        vector.withUnsafeBufferPointer { Data(buffer: $0) }
    }

    static func floats(_ data: Data) -> [Float] {
        // Copied rather than bound: a blob's bytes carry no alignment promise.
        var floats = [Float](repeating: 0, count: data.count / MemoryLayout<Float>.size)
        floats.withUnsafeMutableBytes { _ = data.copyBytes(to: $0) }
        return floats
    }
}
