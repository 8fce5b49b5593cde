import Foundation
import NIOCore
import PostgresNIO
import TrawlCore

/// The PostgreSQL store as the target of a copy (`TableSink`).
///
/// Rows are written with the keys they had (`OVERRIDING SYSTEM VALUE` past the identity columns), one multi-row
/// INSERT per batch, each value converted to its column's type by its `StoredColumn.Kind`: times (milliseconds) through
/// `StoredTime` as everywhere else, JSON through `JSONColumn`, text through `StorableText`. Every placeholder carries
/// an explicit cast, so a NULL (bound without a type) lands in a uuid or jsonb column as well as in a text one.
/// What the schema generates is not written: the chunks' search columns are computed from the copied text, and the
/// frontier's `seq` is assigned in the order rows arrive, which is the source's discovery order.
extension PostgresStore: TableSink {
    public func isEmpty() async throws(StoreError) -> Bool {
        let rows = try await rows("check that the store is empty", "SELECT NOT EXISTS (SELECT 1 FROM jobs) AS empty")
        return try rows.first?.value("empty", as: Bool.self) ?? true
    }

    public func insert(_ rows: [StoredRow], into table: StoreTable) async throws(StoreError) {
        guard !rows.isEmpty else { return }
        let columns = table.columns
        var bindings = PostgresBindings(capacity: rows.count * columns.count)
        var tuples: [String] = []
        tuples.reserveCapacity(rows.count)
        for row in rows {
            guard row.values.count == columns.count else {
                throw StoreError(.corrupt, "a \(table.name) row to copy has \(row.values.count) values, not \(columns.count)")
            }
            var placeholders: [String] = []
            placeholders.reserveCapacity(columns.count)
            for (column, value) in zip(columns, row.values) {
                try Self.bind(value, of: column, in: table, to: &bindings)
                placeholders.append("$\(bindings.count)\(Self.cast(column.kind))")
            }
            tuples.append("(" + placeholders.joined(separator: ", ") + ")")
        }
        let sql = "INSERT INTO \(table.name) (" + columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
            + ") OVERRIDING SYSTEM VALUE VALUES " + tuples.joined(separator: ", ")
        let query = PostgresQuery(unsafeSQL: sql, binds: bindings)
        try await transaction("copy \(rows.count) rows into \(table.name)") { connection in
            try await Self.execute(query, on: connection, logger: self.logger)
        }
    }

    public func finishCopy() async throws(StoreError) {
        // The identity columns given explicit values: their sequences still stand at 1.
        let identities = [("runs", "key"), ("pages", "seq"), ("run_log", "seq"), ("documents", "id"), ("chunks", "id")]
        try await transaction("reset the key sequences after a copy") { connection in
            for (table, column) in identities {
                try await Self.execute(PostgresQuery(unsafeSQL: """
                    SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), COALESCE(max(\(column)), 0) + 1, false)
                    FROM \(table)
                    """), on: connection, logger: self.logger)
            }
        }
    }

    /// The cast after a placeholder: what an untyped NULL is read as, and the column's type for the rest.
    private static func cast(_ kind: StoredColumn.Kind) -> String {
        switch kind {
        case .integer: "::bigint"
        case .real: "::double precision"
        case .text: "::text"
        case .blob: "::bytea"
        case .boolean: "::boolean"
        case .time: "::timestamptz"
        case .json: "::jsonb"
        case .uuid: "::uuid"
        }
    }

    private static func bind(_ value: StoredValue, of column: StoredColumn, in table: StoreTable,
                             to bindings: inout PostgresBindings) throws(StoreError) {
        func mismatch() -> StoreError {
            StoreError(.corrupt, "\(table.name).\(column.name) holds a value that is not \(column.kind)")
        }
        switch (column.kind, value) {
        case (_, .null):
            bindings.appendNull()
        case (.integer, .integer(let integer)):
            bindings.append(integer)
        case (.real, .real(let real)):
            bindings.append(real)
        case (.real, .integer(let integer)):
            bindings.append(Double(integer))
        case (.text, .text(let text)):
            bindings.append(StorableText.text(text))
        case (.blob, .blob(let bytes)):
            bindings.append(ByteBuffer(bytes: bytes))
        case (.boolean, .integer(let integer)):
            bindings.append(integer != 0)
        case (.time, .integer(let milliseconds)):
            bindings.append(StoredTime(milliseconds: milliseconds))
        case (.json, .text(let json)):
            bindings.append(JSONColumn(json))
        case (.uuid, .text(let text)):
            guard let uuid = UUID(uuidString: text) else { throw mismatch() }
            bindings.append(uuid)
        default:
            throw mismatch()
        }
    }
}
