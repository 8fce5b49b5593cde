import Foundation
import PostgresNIO
import Synchronization
import TrawlCore

/// BM25 over the chunks' search vectors, as FTS5's bm25() computes it for the SQLite adapter: for each query word,
/// idf × tf × (k1 + 1) / (tf + k1 × (1 − b + b × length / average length)), where tf counts the word's occurrences
/// weighted by field (title 3, heading 2, text 1), the length is the chunk's in words, and the IDF, the number of
/// chunks and the average length are the whole table's (every tenant's, as FTS5's statistics are the whole index's).
extension PostgresStore {
    static let bm25K1 = 1.2
    static let bm25B = 0.75

    /// translate()'s last two arguments, as SQL: ASCII punctuation to spaces, one for one (FTS5's unicode61 cuts
    /// words at every character that is not a letter or a digit; the parser would keep `a/b.c` whole).
    static let searchPunctuation: String = {
        let punctuation = ##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##
        return "'" + punctuation.replacingOccurrences(of: "'", with: "''") + "', '"
            + String(repeating: " ", count: punctuation.count) + "'"
    }()

    /// How many chunks are ranked exactly: the best by a cheap pre-rank (IDF-weighted ts_rank) among every match in
    /// scope. BM25 needs each query word's occurrences per field, which only unnesting the vector gives. On the search
    /// benchmark (30 results wanted) 100 candidates ranked as well as 600, and 30 worse.
    static func exactlyRanked(limit: Int) -> Int { max(limit * 10, 200) }

    /// The ranking statement: `words` (bound as one text[], `count` of them) and the OR-ed `tsquery` that matches
    /// them, the scope's conditions on `r.`, and the corpus statistics; its rows are (id, score), best first, ties by
    /// chunk ID.
    ///
    /// Every match in scope is pre-ranked by the sum of each word's IDF × ts_rank (weighted by field, divided by
    /// 1 + log of the length): cheap, read from the vector in C. The best `breadth` of them are then ranked by BM25,
    /// each word's weighted occurrences counted from the vector's positions (unnest is costly, hence the pre-rank).
    /// A word the english configuration drops whole (a stop word) has no lexeme: it neither matches nor scores.
    static func rankingSQL(tsquery: String, words: Int, count: Int, scope: String, chunks: Int, averageLength: Int,
                           breadth: Int, limit: Int) -> String {
        let preRank = (1...max(1, count))
            .map { "a.idfs[\($0)] * ts_rank(\(rankWeights), c.search_vector, a.queries[\($0)], 1)" }
            .joined(separator: "\n                 + ")
        return """
            WITH w AS MATERIALIZED (
                SELECT u.i, phraseto_tsquery('english', u.word) AS query,
                       tsvector_to_array(to_tsvector('english', u.word)) AS lexemes
                FROM unnest($\(words)::text[]) WITH ORDINALITY AS u(word, i)
            ), s AS MATERIALIZED (
                -- Each word's IDF as FTS5 computes it, its document frequency counted through the GIN index.
                SELECT w.i, w.lexemes, w.query,
                       CASE WHEN numnode(w.query) = 0 THEN 0
                            ELSE greatest(ln((greatest($\(chunks)::float8, d.n) - d.n + 0.5) / (d.n + 0.5)), 1e-6)
                       END AS idf
                FROM w CROSS JOIN LATERAL (
                    SELECT count(*)::float8 AS n FROM chunks x
                    WHERE numnode(w.query) > 0 AND x.search_vector @@ w.query) d
            ), a AS MATERIALIZED (
                SELECT array_agg(s.query ORDER BY s.i) AS queries, array_agg(s.idf ORDER BY s.i) AS idfs,
                       ARRAY(SELECT DISTINCT l FROM s, unnest(s.lexemes) l) AS lexemes
                FROM s
            ), m AS MATERIALIZED (
                SELECT c.id,
                       \(preRank) AS pre
                FROM chunks c, a
                WHERE c.search_vector @@ \(tsquery)
                  AND c.run_key IN (SELECT r.key FROM runs r WHERE \(scope))
                ORDER BY pre DESC, c.id
                LIMIT $\(breadth)
            ), t AS (
                -- Each candidate's occurrences of each query lexeme, weighted by field: title 3, heading 2, text 1.
                SELECT m.id, c.search_length, u.lexeme,
                       sum(CASE wt WHEN 'A' THEN 3 WHEN 'B' THEN 2 ELSE 1 END)::float8 AS tf
                FROM m JOIN chunks c ON c.id = m.id CROSS JOIN a
                    CROSS JOIN LATERAL unnest(c.search_vector) u
                    CROSS JOIN LATERAL unnest(u.weights) wt
                WHERE u.lexeme = ANY (a.lexemes)
                GROUP BY m.id, c.search_length, u.lexeme
            ), f AS (
                SELECT t.id, s.i, s.idf, t.search_length, sum(t.tf) AS tf
                FROM t JOIN s ON t.lexeme = ANY (s.lexemes)
                GROUP BY t.id, s.i, s.idf, t.search_length
            )
            SELECT f.id,
                   sum(f.idf * f.tf * \(bm25K1 + 1) / (f.tf + \(bm25K1)
                       * (\(1 - bm25B) + \(bm25B) * f.search_length / $\(averageLength)::float8)))::float8 AS score
            FROM f
            GROUP BY f.id
            ORDER BY score DESC, f.id
            LIMIT $\(limit)
            """
    }

    /// Weights of D, C, B, A (text, unused, heading, title) for the pre-rank: the field weights 1, 2, 3 scaled into
    /// ts_rank's 0…1.
    static let rankWeights = "'{0.3333, 0.3333, 0.6667, 1.0}'::float4[]"

    /// The number of chunks and their average length, from the cache while they are fresh enough.
    ///
    /// Counting every chunk is a scan of the table, so the figures are kept per database in this process: read
    /// again once they are 10 minutes old, or when chunks were added since (the highest chunk ID moved, which costs
    /// one index probe to see) and either 30 seconds passed or the additions are over a tenth of the count. A word's
    /// document frequency is always counted afresh; N is never taken below it.
    func searchStatistics(on connection: PostgresConnection) async throws -> PostgresSearchStatistics {
        let key = "\(location.socketDirectory ?? location.host):\(location.port)/\(location.database)"
        let now = ContinuousClock.now
        var lastID: Int64 = 0
        for row in try await Self.rows(of: "SELECT COALESCE(max(id), 0) AS last FROM chunks", on: connection,
                                       logger: logger) {
            lastID = try row.value("last")
        }
        if let cached = PostgresSearchStatistics.cache.withLock({ $0[key] }) {
            let age = now - cached.taken
            let added = lastID - cached.lastID
            let fewAdded = age < .seconds(30) && Double(added) <= Double(cached.chunks) / 10
            if age < .seconds(600) && (added == 0 || fewAdded) {
                return cached
            }
        }
        var statistics = PostgresSearchStatistics(chunks: 0, averageLength: 1, lastID: lastID, taken: now)
        for row in try await Self.rows(of: """
            SELECT count(*) AS n, COALESCE(avg(search_length), 1)::float8 AS average FROM chunks
            """, on: connection, logger: logger) {
            statistics.chunks = try row.value("n")
            statistics.averageLength = max(1, try row.value("average"))
        }
        let fresh = statistics
        PostgresSearchStatistics.cache.withLock { $0[key] = fresh }
        return fresh
    }
}

/// What BM25 knows of the whole table.
struct PostgresSearchStatistics: Sendable {
    var chunks: Int64
    var averageLength: Double
    /// The highest chunk ID when counted.
    var lastID: Int64
    var taken: ContinuousClock.Instant

    /// By database (host, port, name): the figures are the database's, whichever store instance reads them.
    static let cache = Mutex<[String: PostgresSearchStatistics]>([:])
}
