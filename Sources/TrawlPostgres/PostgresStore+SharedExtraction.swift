import Foundation
import PostgresNIO
import TrawlCore

/// Pages extracted ahead of a shared run's pipeline by helpers in other processes. Claims are ranges of a run's page
/// sequences beyond its pipeline's cursor (`extraction_claims`), taken under a transaction-scoped advisory lock per run
/// so that two helpers never compute the same next range; results wait in `page_extractions` until the pipeline takes
/// its pages in and drops them.
extension PostgresStore: SharedExtractionStore {
    /// How far beyond its pipeline's cursor a run's pages are extracted ahead, in claims: what waits in
    /// `page_extractions` stays bounded however far the crawl is ahead of the pipeline.
    static var claimsAhead: Int { 32 }

    public func runsWithPagesToExtract(now: Date, excluding excluded: Set<RunID>,
                                       limit: Int) async throws(StoreError) -> [Run] {
        let excluded = excluded.map(\.uuid)
        let now = clock.database(now)
        // Shared runs only: their lead runs the pipeline that takes the results in (a run crawled without one would
        // keep them for nothing).
        return try await rows("list runs with pages to extract", """
            SELECT r.* FROM runs r
            WHERE r.shared AND r.pipeline->>'textIndexedAt' IS NULL AND r.id <> ALL(\(excluded)::uuid[])
              AND (EXISTS (
                       SELECT 1 FROM pages p
                       WHERE p.run_key = r.key
                         AND p.seq > GREATEST(COALESCE((r.pipeline->>'pageCursor')::bigint, 0),
                                              COALESCE((SELECT max(c.through_seq) FROM extraction_claims c
                                                        WHERE c.run_key = r.key AND (c.done OR c.until >= \(now))), 0)))
                   OR EXISTS (
                       SELECT 1 FROM extraction_claims c
                       WHERE c.run_key = r.key AND NOT c.done AND c.until < \(now)
                         AND c.through_seq > COALESCE((r.pipeline->>'pageCursor')::bigint, 0)))
            ORDER BY r.key LIMIT \(limit)
            """).map { row throws(StoreError) in try Self.run(from: row) }
    }

    public func claimPages(of runID: RunID, holder: UUID, pages: Int, now: Date,
                           until: Date) async throws(StoreError) -> ClaimedPages? {
        let logger = logger
        let (now, until) = (clock.database(now), clock.database(until))
        return try await transaction("claim pages to extract of run \(runID)") { connection in
            let runKey = try await Self.runKey(runID, on: connection, logger: logger)
            try await Self.execute("SELECT pg_advisory_xact_lock(\(Self.extractionLockSpace), \(Int32(truncatingIfNeeded: runKey)))",
                                   on: connection, logger: logger)
            let cursor = try await Self.rows(of: """
                SELECT COALESCE((pipeline->>'pageCursor')::bigint, 0) AS cursor FROM runs WHERE key = \(runKey)
                """, on: connection, logger: logger).first?.value("cursor", as: Int64.self) ?? 0
            // A range whose holder's claim ran out (it died or stalled) goes first.
            if let taken = try await Self.rows(of: """
                UPDATE extraction_claims SET holder = \(holder), until = \(until)
                WHERE run_key = \(runKey) AND after_seq = (
                    SELECT after_seq FROM extraction_claims
                    WHERE run_key = \(runKey) AND NOT done AND until < \(now) AND through_seq > \(cursor)
                    ORDER BY after_seq LIMIT 1)
                RETURNING after_seq, through_seq
                """, on: connection, logger: logger).first {
                return ClaimedPages(runID: runID, after: try taken.value("after_seq"), through: try taken.value("through_seq"))
            }
            // A new range starts a batch's worth of pages beyond the cursor at least: the pipeline is taking in the
            // pages right after it, and extracting those too would only double its work.
            let row = try await Self.rows(of: """
                SELECT GREATEST(
                           (SELECT seq FROM pages WHERE run_key = \(runKey) AND seq > \(cursor) ORDER BY seq
                            OFFSET \(pages - 1) LIMIT 1),
                           (SELECT max(through_seq) FROM extraction_claims WHERE run_key = \(runKey))) AS start,
                       (SELECT count(*) FROM extraction_claims
                        WHERE run_key = \(runKey) AND through_seq > \(cursor)) AS ahead
                """, on: connection, logger: logger).first
            guard let start = try row?.value("start", as: Int64?.self),
                  try row?.value("ahead", as: Int64.self) ?? 0 < Self.claimsAhead else { return nil }
            guard let through = try await Self.rows(of: """
                SELECT max(seq) AS through FROM (
                    SELECT seq FROM pages WHERE run_key = \(runKey) AND seq > \(start) ORDER BY seq LIMIT \(pages)) s
                """, on: connection, logger: logger).first?.value("through", as: Int64?.self) else { return nil }
            try await Self.execute("""
                INSERT INTO extraction_claims (run_key, after_seq, through_seq, holder, until)
                VALUES (\(runKey), \(start), \(through), \(holder), \(until))
                """, on: connection, logger: logger)
            return ClaimedPages(runID: runID, after: start, through: through)
        }
    }

    @discardableResult
    public func saveExtractions(_ extractions: [Int64: PageExtraction.Outcome], recipe: String, of range: ClaimedPages,
                                holder: UUID) async throws(StoreError) -> Bool {
        let sequences = Array(extractions.keys)
        var results: [[UInt8]] = []
        for sequence in sequences {
            guard let outcome = extractions[sequence] else { continue }
            results.append(try Self.encode(outcome))
        }
        let logger = logger
        return try await transaction("save extractions of run \(range.runID)") { connection in
            let runKey = try await Self.runKey(range.runID, on: connection, logger: logger)
            // Kept only by the range's holder: one that lost its claim (and whose range another took) keeps nothing.
            let held = try await Self.execute("""
                UPDATE extraction_claims SET done = true
                WHERE run_key = \(runKey) AND after_seq = \(range.after) AND holder = \(holder) AND NOT done
                RETURNING 1
                """, on: connection, logger: logger)
            guard held == 1 else { return false }
            if !sequences.isEmpty {
                try await Self.execute("""
                    INSERT INTO page_extractions (run_key, page_seq, recipe, result)
                    SELECT \(runKey), s, \(recipe), r FROM unnest(\(sequences)::bigint[], \(ByteaArray(results))::bytea[]) AS u(s, r)
                    ON CONFLICT DO NOTHING
                    """, on: connection, logger: logger)
            }
            return true
        }
    }

    public func extractions(of runID: RunID, pages: [Int64],
                            recipe: String) async throws(StoreError) -> [Int64: PageExtraction.Outcome] {
        guard !pages.isEmpty else { return [:] }
        let logger = logger
        let rows = try await connection("read extractions of run \(runID)") { connection in
            let runKey = try await Self.runKey(runID, on: connection, logger: logger)
            return try await Self.rows(of: """
                SELECT page_seq, result FROM page_extractions
                WHERE run_key = \(runKey) AND page_seq = ANY(\(pages)) AND recipe = \(recipe)
                """, on: connection, logger: logger)
        }
        var found: [Int64: PageExtraction.Outcome] = [:]
        for row in rows {
            // A result this version cannot read is made again by the pipeline.
            guard let outcome = Self.decode(try row.value("result", as: Data.self)) else { continue }
            found[try row.value("page_seq", as: Int64.self)] = outcome
        }
        return found
    }

    public func dropExtractions(of runID: RunID, through sequence: Int64) async throws(StoreError) {
        let logger = logger
        try await transaction("drop extractions of run \(runID)") { connection in
            let runKey = try await Self.runKey(runID, on: connection, logger: logger)
            // Claims first: a helper saving meanwhile then finds no claim and keeps nothing, instead of leaving results
            // below the cursor that no later drop would see.
            try await Self.execute("DELETE FROM extraction_claims WHERE run_key = \(runKey) AND through_seq <= \(sequence)",
                                   on: connection, logger: logger)
            try await Self.execute("DELETE FROM page_extractions WHERE run_key = \(runKey) AND page_seq <= \(sequence)",
                                   on: connection, logger: logger)
        }
    }

    /// The first key of the two-key advisory locks that serialise claiming ranges of one run ("TRAX").
    static var extractionLockSpace: Int32 { 0x5452_4158 }

    /// How a result is stored: the page's extraction, or why there is none.
    private struct StoredExtraction: Codable {
        var page: ExtractedPage?
        var failure: String?
    }

    static func encode(_ outcome: PageExtraction.Outcome) throws(StoreError) -> [UInt8] {
        let stored = switch outcome {
        case .success(let page): StoredExtraction(page: page)
        case .failure(let error): StoredExtraction(failure: error.message)
        }
        do { return Array(try JSONEncoder().encode(stored)) } catch {
            throw StoreError(.io, "could not encode an extraction", detail: "\(error)")
        }
    }

    static func decode(_ data: Data) -> PageExtraction.Outcome? {
        guard let stored = try? JSONDecoder().decode(StoredExtraction.self, from: data) else { return nil }
        if let page = stored.page { return .success(page) }
        return stored.failure.map { .failure(ExtractionError($0)) }
    }
}
