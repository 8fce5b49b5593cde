import Foundation
import PostgresNIO
import TrawlCore

/// Chunks embedded by many processes: claimed in batches with `SKIP LOCKED`, written only by their holder, counted by
/// the run's pipeline. A claim is three columns on the chunk (holder, until, and whether its vector waits to be
/// counted) rather than a table of its own: claiming, writing and counting each touch only the rows they name.
extension PostgresStore: SharedEmbeddingStore {
    public func claimChunks(of runID: RunID, holder: UUID, limit: Int, now: Date,
                            until: Date) async throws(StoreError) -> [PendingChunk] {
        let (now, until) = (clock.database(now), clock.database(until))
        let logger = logger
        let rows = try await transaction("claim chunks to embed of run \(runID)") { connection in
            let runKey = try await Self.runKey(runID, on: connection, logger: logger)
            return try await Self.rows(of: """
                WITH picked AS (
                    SELECT id FROM chunks
                    WHERE run_key = \(runKey) AND embedding IS NULL AND NOT embed_failed
                      AND (embed_holder IS NULL OR embed_holder = \(holder) OR embed_claimed_until < \(now))
                    ORDER BY id LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED
                )
                UPDATE chunks c SET embed_holder = \(holder), embed_claimed_until = \(until)
                FROM picked WHERE c.id = picked.id
                RETURNING c.id, c.document_id, COALESCE(c.embed_text, c.text) AS text
                """, on: connection, logger: logger)
        }
        return try rows.map { row throws(StoreError) in
            PendingChunk(id: try row.value("id"), documentID: try row.value("document_id"), text: try row.value("text"))
        }.sorted { $0.id < $1.id }
    }

    @discardableResult
    public func saveClaimedVectors(_ vectors: [(chunkID: Int64, vector: [Float])], model: String,
                                   holder: UUID) async throws(StoreError) -> Int {
        guard !vectors.isEmpty else { return 0 }
        let ids = vectors.map(\.chunkID)
        let embeddings = vectors.map { Self.vectorBytes($0.vector) }
        let logger = logger
        return try await transaction("save claimed vectors") { connection in
            // A chunk another holder took over, or whose document failed meanwhile, keeps what it has: one vector per
            // chunk, from whoever held it when it was written.
            try await Self.execute("""
                UPDATE chunks SET embedding = v.embedding, model = \(model), embed_text = NULL,
                                  embed_holder = NULL, embed_claimed_until = NULL, embed_unadopted = true
                FROM unnest(\(ids)::bigint[], \(embeddings)::bytea[]) AS v(id, embedding)
                WHERE chunks.id = v.id AND chunks.embed_holder = \(holder)
                  AND chunks.embedding IS NULL AND NOT chunks.embed_failed
                RETURNING 1
                """, on: connection, logger: logger)
        }
    }

    public func extendClaims(on chunkIDs: [Int64], of runID: RunID, holder: UUID,
                             until: Date) async throws(StoreError) {
        guard !chunkIDs.isEmpty else { return }
        let until = clock.database(until)
        let logger = logger
        try await transaction("extend claims on chunks of run \(runID)") { connection in
            try await Self.execute("""
                UPDATE chunks SET embed_claimed_until = \(until)
                WHERE id = ANY(\(chunkIDs)) AND embed_holder = \(holder) AND embedding IS NULL AND NOT embed_failed
                """, on: connection, logger: logger)
        }
    }

    public func releaseChunks(_ chunkIDs: [Int64], of runID: RunID, holder: UUID) async throws(StoreError) {
        guard !chunkIDs.isEmpty else { return }
        let logger = logger
        try await transaction("release chunks of run \(runID)") { connection in
            try await Self.execute("""
                UPDATE chunks SET embed_holder = NULL, embed_claimed_until = NULL
                WHERE id = ANY(\(chunkIDs)) AND embed_holder = \(holder) AND embedding IS NULL AND NOT embed_failed
                """, on: connection, logger: logger)
        }
    }

    public func adoptVectors(of runID: RunID, progress: PipelineProgress) async throws(StoreError)
        -> (vectors: [StoredVector], progress: PipelineProgress) {
        let logger = logger
        return try await transaction("count vectors of run \(runID)") { connection in
            let runKey = try await Self.runKey(runID, on: connection, logger: logger)
            // Bounded, so a pipeline that comes back to many vectors counts them over a few rounds.
            let rows = try await Self.rows(of: """
                WITH adopted AS (
                    SELECT id FROM chunks WHERE run_key = \(runKey) AND embed_unadopted ORDER BY id LIMIT 4096 FOR UPDATE
                )
                UPDATE chunks c SET embed_unadopted = false FROM adopted WHERE c.id = adopted.id
                RETURNING c.id, c.document_id, c.model, c.embedding
                """, on: connection, logger: logger)
            var vectors: [StoredVector] = []
            var documentIDs: Set<Int64> = []
            for row in rows {
                guard let embedding = try row.value("embedding", as: Data?.self) else { continue }
                vectors.append(StoredVector(chunkID: try row.value("id"), runKey: runKey,
                                            model: try row.value("model", as: String?.self) ?? "",
                                            vector: Self.vectorFloats(embedding)))
                documentIDs.insert(try row.value("document_id", as: Int64.self))
            }
            var written = progress
            written.chunks.embedded += vectors.count
            if !documentIDs.isEmpty {
                written.documents.embedded += try await Self.execute("""
                    UPDATE documents SET status = 'embedded'
                    WHERE id = ANY(\(Array(documentIDs))) AND status = 'indexed'
                      AND NOT EXISTS (SELECT 1 FROM chunks c WHERE c.document_id = documents.id AND c.embedding IS NULL)
                    RETURNING 1
                    """, on: connection, logger: logger)
            }
            // Nothing counted, nothing to write: a pipeline waiting for helpers asks every poll.
            if !rows.isEmpty {
                try await Self.execute("UPDATE runs SET pipeline = \(JSONColumn(written.json)) WHERE key = \(runKey)",
                                       on: connection, logger: logger)
            }
            return (vectors.sorted { $0.chunkID < $1.chunkID }, written)
        }
    }

    public func embeddingOutstanding(of runID: RunID) async throws(StoreError) -> Bool {
        let logger = logger
        return try await connection("look for chunks of run \(runID) still to embed") { connection in
            let runKey = try await Self.runKey(runID, on: connection, logger: logger)
            return try await Self.rows(of: """
                SELECT EXISTS (SELECT 1 FROM chunks WHERE run_key = \(runKey) AND embedding IS NULL AND NOT embed_failed)
                    OR EXISTS (SELECT 1 FROM chunks WHERE run_key = \(runKey) AND embed_unadopted) AS outstanding
                """, on: connection, logger: logger).first?.value("outstanding", as: Bool.self) ?? false
        }
    }

    public func runsWithUnclaimedChunks(now: Date, excluding excluded: Set<RunID>,
                                        limit: Int) async throws(StoreError) -> [Run] {
        let excluded = excluded.map(\.uuid)
        let now = clock.database(now)
        // A chunk keeps the embedder's text only while it waits for a vector, and has one only in a run that embeds,
        // so `chunks_to_embed` holds exactly the waiting chunks. Its run keys are read by skipping from one to the next
        // (a loose index scan): the cost follows the runs with work, not their chunks nor every run stored.
        return try await rows("list runs with chunks to embed", """
            WITH RECURSIVE waiting (run_key) AS (
                (SELECT run_key FROM chunks
                 WHERE embedding IS NULL AND NOT embed_failed AND embed_text IS NOT NULL ORDER BY run_key LIMIT 1)
                UNION ALL
                SELECT (SELECT c.run_key FROM chunks c
                        WHERE c.embedding IS NULL AND NOT c.embed_failed AND c.embed_text IS NOT NULL
                          AND c.run_key > w.run_key
                        ORDER BY c.run_key LIMIT 1)
                FROM waiting w WHERE w.run_key IS NOT NULL
            )
            SELECT r.* FROM runs r JOIN waiting w ON w.run_key = r.key
            WHERE r.id <> ALL(\(excluded)::uuid[]) AND EXISTS (SELECT 1 FROM chunks c
                          WHERE c.run_key = r.key AND c.embedding IS NULL AND NOT c.embed_failed
                            AND c.embed_text IS NOT NULL
                            AND (c.embed_holder IS NULL OR c.embed_claimed_until < \(now)))
            ORDER BY r.key LIMIT \(limit)
            """).map { row throws(StoreError) in try Self.run(from: row) }
    }
}
