import Foundation
import GRDB
import TrawlCore

/// The embedded store: one SQLite file (WAL) holding jobs, runs, frontiers and fetched pages.
///
/// Writes go through GRDB's serial writer queue in one transaction per batch, so the crawl loop never blocks
/// on disk; reads use the pool's concurrent readers. GRDB and SQLite errors become `StoreError` here.
public final class SQLiteStore: Sendable {
    /// The largest value written to one column: half of SQLite's default SQLITE_MAX_LENGTH (10^9 bytes), far above
    /// any body a manifest allows (`FetcherOptions.maximumBodyBytes`).
    static let maximumValueBytes = 500_000_000

    let pool: DatabasePool
    /// The file's path.
    public let path: String

    /// Opens (creating if needed) the store at `path` and applies pending migrations.
    public init(path: String) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the last commits.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Small page caches: the writer appends (pages, log rows) far more than it revisits, so 2 MiB costs no
            // speed on the 100k-page benchmark and holds ~5 MiB less at peak than 8; readers (search, lists) keep 8.
            try db.execute(sql: db.configuration.readonly ? "PRAGMA cache_size = -8192" : "PRAGMA cache_size = -2048")
        }
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            if !FileManager.default.fileExists(atPath: directory) {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            pool = try Self.openPool(path: path, configuration: configuration)
        } catch {
            throw Self.storeError(error, doing: "open the store at \(path)")
        }
    }

    /// Opens the pool and brings its schema up to date, waiting out another process doing the same.
    ///
    /// Switching a new file to WAL (GRDB's set-up writes a table to create the log) can answer SQLITE_BUSY without
    /// consulting the busy handler while another process opens the same file: 16 of 480 concurrent opens of new files
    /// failed "database is locked" here. Those are retried until the busy timeout; any other error is not.
    private static func openPool(path: String, configuration: Configuration) throws -> DatabasePool {
        let deadline = ContinuousClock.now + .seconds(10)
        var pause: TimeInterval = 0.005
        while true {
            do {
                let pool = try DatabasePool(path: path, configuration: configuration)
                try pool.barrierWriteWithoutTransaction { db in try SchemaMigration.migrate(db, with: migrations) }
                return pool
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: pause)
                pause = min(pause * 2, 0.2)
            }
        }
    }

    /// Converts any error thrown by GRDB or our row decoding into a `StoreError`.
    static func storeError(_ error: any Error, doing what: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            let kind: StoreError.Kind = switch error.resultCode {
            case .SQLITE_CONSTRAINT: .conflict
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: .corrupt
            default: .io
            }
            // The message must not echo SQLite's wording, nor say more than that the ID exists somewhere; SQLite's
            // words (tables, columns, paths) are the detail, for the operator.
            let detail = error.message ?? error.description
            if error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE || error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                return StoreError(.conflict, "could not \(what): that ID is already taken", detail: detail)
            }
            let problem = switch kind {
            case .conflict: "it conflicts with stored data"
            case .corrupt: "the database file is damaged"
            default: "the database failed"
            }
            return StoreError(kind, "could not \(what): \(problem)", detail: detail)
        }
        return StoreError(.io, "could not \(what): the database failed", detail: "\(error)")
    }

    func write<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do { return try await pool.write(body) } catch { throw Self.storeError(error, doing: what) }
    }

    func read<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do { return try await pool.read(body) } catch { throw Self.storeError(error, doing: what) }
    }
}

extension SQLiteStore {
    /// Makes every write fail (`PRAGMA query_only` on the one writing connection) or work again, so tests can
    /// take the store away under a running crawl the way a full disk or a failing volume does.
    @_spi(Testing)
    public func refuseWrites(_ refuse: Bool) async throws {
        try await pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA query_only = \(refuse ? 1 : 0)") }
    }
}
