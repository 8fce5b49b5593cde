import Foundation
import NIOCore
import PostgresNIO
import TrawlCore

extension PostgresStore: CrawlLog {
    public func commit(_ batch: RunBatch) async throws(StoreError) {
        // Checked before anything is written, as the SQLite adapter does (it must, or GRDB traps).
        for page in batch.pages {
            let largest = max(page.body.count, page.requestHead.count, page.responseHead.count,
                              page.outlinks.reduce(0) { $0 + $1.utf8.count + 1 })
            guard largest <= Self.maximumPageValueBytes else {
                throw StoreError(.io, "a page of \(page.url.prefix(200)) holds a value of \(largest) bytes; "
                    + "the store takes at most \(Self.maximumPageValueBytes)")
            }
        }
        let logger = logger
        try await transaction("write crawl progress for run \(batch.runID)") { connection in
            let runKey = try await Self.runKey(batch.runID, on: connection, logger: logger)
            // Rows discovered in this batch go in first: a settlement in the same batch may refer to them.
            var duplicates = (discovered: 0, excluded: 0)
            if !batch.discovered.isEmpty, batch.share != nil {
                duplicates = try await Self.insertShared(batch.discovered, runKey: runKey, on: connection, logger: logger)
            } else if !batch.discovered.isEmpty {
                try await Self.execute(Self.frontierInsertion(batch.discovered, runKey: runKey), on: connection, logger: logger)
            }
            if !batch.settled.isEmpty {
                try await Self.execute(Self.settlement(batch.settled, runKey: runKey), on: connection, logger: logger)
            }
            if batch.share != nil, !batch.pages.isEmpty {
                // Parts of a shared run write pages at once, and a page's sequence is taken when it is inserted, not
                // when it commits: a batch holding lower sequences could commit after a reader (the run's pipeline,
                // which follows pages by sequence) had moved past them. Taking the run's row here (writeShare takes it
                // later anyway; after the frontier, as every batch does) makes a run's pages commit in sequence order.
                _ = try await Self.lockedRun(batch.runID, on: connection, logger: logger)
            }
            for chunk in Self.chunks(of: batch.pages) {
                try await Self.execute(Self.pageInsertion(chunk, runKey: runKey), on: connection, logger: logger)
            }
            if !batch.log.isEmpty {
                try await Self.execute(Self.logInsertion(batch.log, runKey: runKey), on: connection, logger: logger)
            }
            if let share = batch.share {
                try await Self.writeShare(share, duplicates: duplicates, run: batch.run, runKey: runKey, on: connection,
                                          logger: logger)
            } else if let run = batch.run {
                try await Self.updateState(of: run, on: connection, logger: logger)
            }
        }
    }

    public func loadFrontier(_ runID: RunID, limit: Int) async throws(StoreError) -> FrontierSnapshot {
        let logger = logger
        return try await transaction("load the frontier of run \(runID)") { connection in
            let runKey = try await Self.runKey(runID, on: connection, logger: logger)
            // In primary-key order, as SQLite reads them (its covering index is the key).
            let fingerprints = try await Self.rows(
                of: "SELECT fingerprint FROM frontier WHERE run_key = \(runKey) ORDER BY fingerprint",
                on: connection, logger: logger
            ).map { row throws(StoreError) in PostgresCoding.fingerprint(try row.value("fingerprint", as: Int64.self)) }
            // Everything pending goes to disk first; then the oldest `limit` come back to memory as queued.
            try await Self.execute("UPDATE frontier SET state = 'spilled' WHERE run_key = \(runKey) AND state = 'queued'",
                                   on: connection, logger: logger)
            // One process crawls the run from here on (a process that does not share runs took it over): parts other
            // processes still run hear at their next renewal that they are over, and the run's counters are its own again.
            try await Self.execute("""
                WITH ended AS (UPDATE run_shares SET ended = true WHERE run_key = \(runKey) AND NOT ended RETURNING 1)
                UPDATE runs SET shared = false WHERE key = \(runKey) AND shared
                """, on: connection, logger: logger)
            try await Self.execute("UPDATE run_origins SET share = NULL, lease_until = NULL WHERE run_key = \(runKey)",
                                   on: connection, logger: logger)
            let pending = try await Self.claim(runKey: runKey, limit: limit, on: connection, logger: logger)
            let counts = try await Self.rows(of: """
                SELECT (SELECT count(*) FROM frontier WHERE run_key = \(runKey) AND state = 'spilled') AS spilled,
                       EXISTS (SELECT 1 FROM frontier WHERE run_key = \(runKey) AND state = 'beyond_depth') AS beyond
                """, on: connection, logger: logger).first
            let spilled = try counts?.value("spilled", as: Int.self) ?? 0
            let beyond = try counts?.value("beyond", as: Bool.self) ?? false
            return FrontierSnapshot(fingerprints: fingerprints, pending: pending, spilledCount: spilled, sawBeyondDepth: beyond)
        }
    }

    public func claimSpilled(_ runID: RunID, limit: Int) async throws(StoreError) -> [FrontierRecord] {
        let logger = logger
        return try await transaction("read spilled URLs of run \(runID)") { connection in
            try await Self.claim(runKey: try await Self.runKey(runID, on: connection, logger: logger), limit: limit,
                                 on: connection, logger: logger)
        }
    }

    /// Marks the oldest `limit` spilled URLs queued and returns them in discovery order. The rows are locked as they
    /// are picked, so a concurrent claim of the same run waits rather than returning them twice.
    private static func claim(runKey: Int64, limit: Int, on connection: PostgresConnection,
                              logger: Logger) async throws -> [FrontierRecord] {
        let rows = try await rows(of: """
            WITH picked AS (
                SELECT fingerprint FROM frontier WHERE run_key = \(runKey) AND state = 'spilled'
                ORDER BY seq LIMIT \(sqlLimit(limit)) FOR UPDATE
            )
            UPDATE frontier f SET state = 'queued' FROM picked
            WHERE f.run_key = \(runKey) AND f.fingerprint = picked.fingerprint
            RETURNING f.seq, f.fingerprint, f.url, f.depth, f.parent_url, f.redirect_hops
            """, on: connection, logger: logger)
        // RETURNING has no order of its own.
        return try rows.map { row throws(StoreError) in
            (try row.value("seq", as: Int64.self),
             FrontierRecord(fingerprint: PostgresCoding.fingerprint(try row.value("fingerprint")), url: try row.value("url"),
                            depth: try row.value("depth"), parentURL: try row.value("parent_url"), state: .queued,
                            redirectHops: try row.value("redirect_hops")))
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The key of run `runID`, which its frontier, pages and log refer to; `.notFound` when there is no such run.
    static func runKey(_ runID: RunID, on connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        guard let row = try await rows(of: "SELECT key FROM runs WHERE id = \(runID.uuid)", on: connection,
                                       logger: logger).first else {
            throw StoreError(.notFound, "run \(runID) does not exist")
        }
        return try row.value("key", as: Int64.self)
    }

    /// A LIMIT bind with SQLite's meaning: a negative limit is none (PostgreSQL's `LIMIT NULL`).
    static func sqlLimit(_ limit: Int) -> Int? { limit < 0 ? nil : limit }

    /// What SQLite takes in one value; a page over it fails the batch in both adapters alike.
    private static let maximumPageValueBytes = 500_000_000

    // MARK: Batch statements (one round trip per kind of row, arrays bound whole)

    /// `INSERT OR IGNORE`: a URL already in the frontier keeps its row (the first of duplicates in a batch wins).
    ///
    /// For a shared run (`shared`), the statement also makes sure every origin with URLs waiting has its lease row, and
    /// answers how many rows, and excluded rows, it inserted: the rest another part had written first. Its rows go in
    /// by fingerprint, not discovery order: two parts inserting URLs they both found then take the rows' locks in the
    /// same order, so one waits for the other instead of both waiting for each other.
    static func frontierInsertion(_ records: [FrontierRecord], runKey: Int64, shared: Bool = false) -> PostgresQuery {
        let fingerprints = records.map { PostgresCoding.column($0.fingerprint) }
        let urls = records.map(\.url), depths = records.map(\.depth), hops = records.map(\.redirectHops)
        let parents = NullableArray(records.map(\.parentURL)), reasons = NullableArray(records.map(\.reason))
        let states = records.map(\.state.rawValue)
        // `runKey` comes from the store's own identity column, so it is written into the text as a number.
        let before = shared ? "WITH inserted AS (" : ""
        let after = shared ? """
             RETURNING state, origin),
            origins AS (
                INSERT INTO run_origins (run_key, origin)
                SELECT DISTINCT \(runKey)::bigint, origin FROM inserted WHERE state IN ('spilled', 'queued')
                ORDER BY origin
                ON CONFLICT DO NOTHING
            )
            SELECT count(*) AS discovered, count(*) FILTER (WHERE state = 'excluded') AS excluded FROM inserted
            """ : ""
        return """
            \(unescaped: before)INSERT INTO frontier (run_key, fingerprint, url, depth, parent_url, state, reason, redirect_hops)
            SELECT \(runKey), d.fingerprint, d.url, d.depth, d.parent_url, d.state, d.reason, d.redirect_hops
            FROM unnest(\(fingerprints)::bigint[], \(urls)::text[], \(depths)::bigint[], \(parents)::text[],
                        \(states)::text[], \(reasons)::text[], \(hops)::bigint[])
                 WITH ORDINALITY AS d(fingerprint, url, depth, parent_url, state, reason, redirect_hops, n)
            ORDER BY \(unescaped: shared ? "d.fingerprint" : "d.n")
            ON CONFLICT (run_key, fingerprint) DO NOTHING\(unescaped: after)
            """
    }

    /// Settlements in order: a URL settled twice in one batch ends as the last one says, as SQLite's row-by-row
    /// updates leave it (one UPDATE … FROM may match a row once only, so the earlier ones are dropped here).
    private static func settlement(_ settlements: [FrontierSettlement], runKey: Int64) -> PostgresQuery {
        var last: [UInt64: Int] = [:]
        for (index, settlement) in settlements.enumerated() { last[settlement.fingerprint] = index }
        let kept = settlements.indices.filter { last[settlements[$0].fingerprint] == $0 }.map { settlements[$0] }
        let fingerprints = kept.map { PostgresCoding.column($0.fingerprint) }, states = kept.map(\.state.rawValue)
        let reasons = NullableArray(kept.map(\.reason)), statuses = NullableArray(kept.map(\.httpStatus))
        return """
            UPDATE frontier f SET state = s.state, reason = s.reason, http_status = s.http_status
            FROM unnest(\(fingerprints)::bigint[], \(states)::text[], \(reasons)::text[], \(statuses)::bigint[])
                 AS s(fingerprint, state, reason, http_status)
            WHERE f.run_key = \(runKey) AND f.fingerprint = s.fingerprint
            """
    }

    /// Pages in groups of bounded size: bodies run to 128 MiB, and one statement need not hold them all.
    private static func chunks(of pages: [PageRecord]) -> [ArraySlice<PageRecord>] {
        var chunks: [ArraySlice<PageRecord>] = []
        var start = pages.startIndex, bytes = 0
        for index in pages.indices {
            let size = pages[index].body.count + pages[index].requestHead.count + pages[index].responseHead.count
            if index > start, bytes + size > pageChunkBytes || index - start >= pageChunkRows {
                chunks.append(pages[start..<index])
                start = index
                bytes = 0
            }
            bytes += size
        }
        if start < pages.endIndex { chunks.append(pages[start...]) }
        return chunks
    }

    private static let pageChunkBytes = 32 << 20
    private static let pageChunkRows = 500

    private static func pageInsertion(_ pages: ArraySlice<PageRecord>, runKey: Int64) -> PostgresQuery {
        let urls = pages.map(\.url), depths = pages.map(\.depth), parents = NullableArray(pages.map(\.parentURL))
        let fetched = pages.map(\.fetchedAt.timeIntervalSince1970), statuses = pages.map(\.status)
        let types = NullableArray(pages.map(\.contentType)), titles = NullableArray(pages.map(\.title))
        let outlinks = pages.map { $0.outlinks.joined(separator: "\n") }
        let redirects = NullableArray(pages.map(\.redirectTarget)), canonicals = NullableArray(pages.map(\.canonicalURL))
        let languages = NullableArray(pages.map(\.language)), noindex = pages.map(\.noindex)
        let requestHeads = ByteaArray(pages.map(\.requestHead)), responseHeads = ByteaArray(pages.map(\.responseHead))
        let bodies = ByteaArray(pages.map(\.body)), truncated = pages.map(\.truncated)
        let addresses = NullableArray(pages.map(\.ipAddress)), versions = pages.map(\.httpVersion)
        let durations = pages.map(\.durationMilliseconds), warnings = NullableArray(pages.map(\.warning))
        let digests = pages.map { $0.payloadSHA256 ?? PayloadDigest.sha256($0.body) }
        let etags = NullableArray(pages.map(\.etag)), modified = NullableArray(pages.map(\.lastModified))
        let revisits = NullableArray(pages.map { $0.revisit?.kind.rawValue })
        let payloadSequences = NullableArray(pages.map { $0.revisit?.payloadSequence })
        let payloadURLs = NullableArray(pages.map { $0.revisit?.payloadURL })
        let payloadDates = NullableArray(pages.map { $0.revisit?.payloadDate.timeIntervalSince1970 })
        let payloadStatuses = NullableArray(pages.map { $0.revisit?.payloadStatus })
        return """
            INSERT INTO pages (run_key, url, depth, parent_url, fetched_at, status, content_type, title, outlinks,
                redirect_target, canonical_url, language, noindex, request_head, response_head, body, truncated,
                ip_address, http_version, duration_ms, warning, content_sha256, etag, last_modified, revisit,
                payload_seq, payload_url, payload_fetched_at, payload_status)
            SELECT \(runKey), p.url, p.depth, p.parent_url, p.fetched_at, p.status, p.content_type, p.title, p.outlinks,
                p.redirect_target, p.canonical_url, p.language, p.noindex, p.request_head, p.response_head, p.body,
                p.truncated, p.ip_address, p.http_version, p.duration_ms, p.warning, p.content_sha256, p.etag,
                p.last_modified, p.revisit, p.payload_seq, p.payload_url, p.payload_fetched_at, p.payload_status
            FROM unnest(\(urls)::text[], \(depths)::bigint[], \(parents)::text[], \(fetched)::float8[],
                        \(statuses)::bigint[], \(types)::text[], \(titles)::text[], \(outlinks)::text[],
                        \(redirects)::text[], \(canonicals)::text[], \(languages)::text[], \(noindex)::boolean[],
                        \(requestHeads)::bytea[], \(responseHeads)::bytea[], \(bodies)::bytea[], \(truncated)::boolean[],
                        \(addresses)::text[], \(versions)::text[], \(durations)::bigint[], \(warnings)::text[],
                        \(digests)::text[], \(etags)::text[], \(modified)::text[], \(revisits)::text[],
                        \(payloadSequences)::bigint[], \(payloadURLs)::text[], \(payloadDates)::float8[],
                        \(payloadStatuses)::bigint[])
                 WITH ORDINALITY AS p(url, depth, parent_url, fetched_at, status, content_type, title, outlinks,
                    redirect_target, canonical_url, language, noindex, request_head, response_head, body, truncated,
                    ip_address, http_version, duration_ms, warning, content_sha256, etag, last_modified, revisit,
                    payload_seq, payload_url, payload_fetched_at, payload_status, n)
            ORDER BY p.n
            """
    }

    private static func logInsertion(_ entries: [CrawlLogEntry], runKey: Int64) -> PostgresQuery {
        let steps = entries.map(\.step.rawValue), statuses = entries.map(\.status.rawValue)
        let urls = entries.map(\.url), hosts = entries.map(\.host), depths = entries.map(\.depth)
        let httpStatuses = NullableArray(entries.map(\.httpStatus))
        let latencies = NullableArray(entries.map(\.latencyMilliseconds)), reasons = NullableArray(entries.map(\.reason))
        let times = entries.map(\.at.timeIntervalSince1970)
        return """
            INSERT INTO run_log (run_key, step, status, url, host, depth, http_status, latency_ms, reason, at)
            SELECT \(runKey), l.step, l.status, l.url, l.host, l.depth, l.http_status, l.latency_ms, l.reason, l.at
            FROM unnest(\(steps)::text[], \(statuses)::text[], \(urls)::text[], \(hosts)::text[], \(depths)::bigint[],
                        \(httpStatuses)::bigint[], \(latencies)::bigint[], \(reasons)::text[], \(times)::float8[])
                 WITH ORDINALITY AS l(step, status, url, host, depth, http_status, latency_ms, reason, at, n)
            ORDER BY l.n
            """
    }
}

extension PostgresStore {
    /// How many of a run's URLs ended for each reason ("robots", "timeout" …), for reports and tests.
    public func frontierReasonCounts(_ runID: RunID) async throws(StoreError) -> [String: Int] {
        let logger = logger
        return try await connection("count frontier reasons of run \(runID)") { connection in
            let runKey = try await Self.runKey(runID, on: connection, logger: logger)
            let rows = try await Self.rows(of: """
                SELECT reason, count(*) AS n FROM frontier WHERE run_key = \(runKey) AND reason IS NOT NULL GROUP BY reason
                """, on: connection, logger: logger)
            return Dictionary(uniqueKeysWithValues: try rows.map { row throws(StoreError) in
                (try row.value("reason", as: String.self), try row.value("n", as: Int.self))
            })
        }
    }
}

/// A one-dimensional array whose elements may be NULL, bound as one value: postgres-nio encodes arrays of
/// non-optional elements only. The binary form is PostgreSQL's `array_send`.
struct NullableArray<Element: PostgresArrayEncodable & PostgresNonThrowingEncodable & Sendable>: PostgresNonThrowingEncodable,
    Sendable {
    var elements: [Element?]

    init(_ elements: [Element?]) { self.elements = elements }

    static var psqlType: PostgresDataType { Element.psqlArrayType }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<E: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<E>) {
        PostgresArrayHeader.write(into: &buffer, count: elements.count, hasNulls: elements.contains { $0 == nil },
                                  elementType: Element.psqlType)
        for element in elements {
            guard let element else {
                buffer.writeInteger(-1, as: Int32.self)
                continue
            }
            let lengthIndex = buffer.writerIndex
            buffer.writeInteger(0, as: Int32.self)
            // Text as every text bind is written (U+0000 as U+FFFD: see PostgresText.swift).
            if let text = element as? String {
                StorableText.text(text).encode(into: &buffer, context: context)
            } else {
                element.encode(into: &buffer, context: context)
            }
            buffer.setInteger(Int32(buffer.writerIndex - lengthIndex - 4), at: lengthIndex)
        }
    }
}

/// A `bytea[]` written straight from the byte arrays, without a `ByteBuffer` copy of each first.
struct ByteaArray: PostgresNonThrowingEncodable, Sendable {
    var elements: [[UInt8]]

    init(_ elements: [[UInt8]]) { self.elements = elements }

    static var psqlType: PostgresDataType { .byteaArray }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<E: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<E>) {
        PostgresArrayHeader.write(into: &buffer, count: elements.count, hasNulls: false, elementType: .bytea)
        buffer.reserveCapacity(minimumWritableBytes: elements.reduce(0) { $0 + $1.count + 4 })
        for element in elements {
            buffer.writeInteger(Int32(element.count))
            buffer.writeBytes(element)
        }
    }
}

private enum PostgresArrayHeader {
    /// Dimensions, the has-nulls flag, the element type, then (for one dimension) its length and lower bound 1.
    static func write(into buffer: inout ByteBuffer, count: Int, hasNulls: Bool, elementType: PostgresDataType) {
        buffer.writeInteger(count == 0 ? 0 : 1, as: Int32.self)
        buffer.writeInteger(hasNulls ? 1 : 0, as: Int32.self)
        buffer.writeInteger(elementType.rawValue)
        guard count > 0 else { return }
        buffer.writeInteger(Int32(count))
        buffer.writeInteger(1, as: Int32.self)
    }
}
