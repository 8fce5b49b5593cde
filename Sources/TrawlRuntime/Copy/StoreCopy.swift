import Foundation
import Logging
import TrawlCore
import TrawlPostgres
import TrawlStore

/// Copies a whole store into another, table by table, keeping every key (`StoreTable`): `trawl store copy`.
///
/// Only a SQLite file into an empty PostgreSQL database, the move from one process to many. The source should not be
/// written to meanwhile: each batch is read in its own transaction, so rows written during the copy may or may not be
/// in it. A copy that fails part-way leaves the target holding part of the store; it is then refused as not empty, and
/// is to be dropped and created again (the target's schema is made by opening it).
public enum StoreCopy {
    /// How many rows of one table were copied.
    public struct TableCount: Sendable, Equatable {
        public var table: StoreTable
        public var rows: Int
    }

    /// Rows read and written at once: enough to amortise a statement, few enough that a big store is never in memory.
    /// Pages carry bodies (up to the fetcher's body limit each), so far fewer of them.
    static func defaultBatchSize(of table: StoreTable) -> Int {
        table == .pages ? 25 : 500
    }

    /// Copies the store at `source` into the one at `target` (as `StoreLocation` spells them); `onTable` hears of each
    /// table once it is copied. Messages name the locations as `StoreLocation.description` does, without a password.
    public static func copy(from source: String, to target: String, logger: Logger,
                            onTable: @Sendable (TableCount) -> Void = { _ in }) async throws(StoreError) -> [TableCount] {
        try await copy(from: source, to: target, logger: logger, batchSize: defaultBatchSize(of:), onTable: onTable)
    }

    /// `copy(from:to:logger:onTable:)` with other batch sizes (tests: many batches from a small store).
    static func copy(from source: String, to target: String, logger: Logger, batchSize: (StoreTable) -> Int,
                     onTable: @Sendable (TableCount) -> Void) async throws(StoreError) -> [TableCount] {
        let from = try StoreLocation(parsing: source)
        let to = try StoreLocation(parsing: target)
        guard case .sqlite(let path) = from else {
            throw StoreError(.unsupported, "copying from \(from) is not supported: the source must be a SQLite file")
        }
        guard case .postgres(let postgres) = to else {
            throw StoreError(.unsupported, "copying to \(to) is not supported: the target must be a postgres:// database")
        }
        // Opening a SQLite path creates the file: a mistyped source must not "copy" an empty new store.
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.notFound, "there is no store at \(from)")
        }
        let sqlite = try SQLiteStore(path: path)
        let store: PostgresStore
        do { store = try await PostgresStore.open(postgres, logger: logger) } catch {
            throw StoreError(error.kind, "\(to): \(error.message)", detail: error.detail)
        }
        defer { store.close() }
        guard try await store.isEmpty() else {
            throw StoreError(.conflict, "\(to) already holds jobs; a store is copied only into an empty database")
        }
        do {
            return try await copy(from: sqlite, to: store, batchSize: batchSize, onTable: onTable)
        } catch {
            throw StoreError(error.kind, "the copy into \(to) stopped part-way (drop and create the database before "
                + "trying again): \(error.message)", detail: error.detail)
        }
    }

    /// Copies every table in dependency order, in batches, then lets the sink continue its keys after the copied ones.
    static func copy(from source: any TableSource, to sink: any TableSink, batchSize: (StoreTable) -> Int,
                     onTable: @Sendable (TableCount) -> Void) async throws(StoreError) -> [TableCount] {
        var counts: [TableCount] = []
        for table in StoreTable.allCases {
            var count = TableCount(table: table, rows: 0)
            var position: Int64?
            while true {
                let rows = try await source.rows(of: table, after: position, limit: batchSize(table))
                guard let last = rows.last else { break }
                try await sink.insert(rows, into: table)
                count.rows += rows.count
                position = last.position
            }
            counts.append(count)
            onTable(count)
        }
        try await sink.finishCopy()
        return counts
    }
}
