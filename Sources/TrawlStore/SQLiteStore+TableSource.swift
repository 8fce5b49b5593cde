import Foundation
import GRDB
import TrawlCore

/// The SQLite store as the source of a copy (`TableSource`).
///
/// Rows are read in rowid order, `rowid` being each row's position: it is the key itself for the tables with an
/// integer key (runs, pages, run_log, documents, chunks), and for the others (jobs, frontier, triggers,
/// trigger_executions, keyed by text or by two columns) a stable order that pages with one comparison and, for the
/// frontier, is discovery order (what the sink's own sequence must follow, for spilled URLs to come back oldest first).
///
/// Times reach the neutral form as milliseconds since 1970: the TEXT timestamps (`Timestamp`) are parsed here, where
/// their format is known, and `runs.claimed_until` (seconds as REAL) is converted too, so the sink binds one kind of
/// value and never parses text.
extension SQLiteStore: TableSource {
    public func rows(of table: StoreTable, after position: Int64?, limit: Int) async throws(StoreError) -> [StoredRow] {
        let columns = table.columns
        let sql = "SELECT rowid AS copy_position, " + columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
            + " FROM \(table.name) WHERE rowid > ? ORDER BY rowid LIMIT ?"
        let after = position ?? Int64.min
        return try await read("read \(table.name) to copy") { db in
            try Row.fetchAll(db, sql: sql, arguments: [after, max(1, limit)]).map { row in
                let position: Int64 = row["copy_position"]
                var values: [StoredValue] = []
                values.reserveCapacity(columns.count)
                for (index, column) in columns.enumerated() {
                    // Index 0 is the position; the columns follow in `columns` order.
                    values.append(try Self.storedValue(row[index + 1] as DatabaseValue, of: column, in: table))
                }
                return StoredRow(position: position, values: values)
            }
        }
    }

    /// A column value in the neutral form: storage classes as they are, times as milliseconds.
    static func storedValue(_ value: DatabaseValue, of column: StoredColumn,
                            in table: StoreTable) throws(StoreError) -> StoredValue {
        switch value.storage {
        case .null:
            return .null
        case .int64(let integer):
            return column.kind == .time ? .integer(integer * 1_000) : .integer(integer)
        case .double(let real):
            return column.kind == .time ? .integer(Int64((real * 1_000).rounded())) : .real(real)
        case .string(let text):
            guard column.kind == .time else { return .text(text) }
            guard let date = Timestamp.parse(text) else {
                throw StoreError(.corrupt, "bad stored timestamp '\(text)' in \(table.name).\(column.name)")
            }
            return .integer(Int64((date.timeIntervalSince1970 * 1_000).rounded()))
        case .blob(let data):
            return .blob([UInt8](data))
        }
    }
}
