import Foundation
import PostgresNIO
import TrawlCore

/// Builds the WHERE clause and binds of a keyset-paginated listing (jobs, runs, triggers), the PostgreSQL twin of the
/// SQLite adapter's `ListFilter`: one place for the filters the lists share, always parameterised.
struct PostgresListFilter {
    private var clauses: [String] = []
    private(set) var binds = PostgresBindings()

    /// The next placeholder (`$n`) for a value appended now.
    private mutating func placeholder<T: PostgresNonThrowingEncodable>(_ value: T) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    /// Text goes through the bindings' own overloads (U+0000 as U+FFFD, as it was stored: see PostgresText.swift).
    private mutating func placeholder(_ value: String) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    private mutating func placeholder(_ values: [String]) -> String {
        binds.append(values)
        return "$\(binds.count)"
    }

    /// `column = value`.
    mutating func equals(_ column: String, _ value: String) {
        clauses.append("\(column) = \(placeholder(value))")
    }

    /// `column = value` for a UUID column.
    mutating func equals(_ column: String, _ value: UUID) {
        clauses.append("\(column) = \(placeholder(value))")
    }

    /// A condition of the store's own making (never a client's text).
    mutating func clause(_ condition: String) {
        clauses.append(condition)
    }

    /// `column IS NULL` (or `IS NOT NULL`).
    mutating func isNull(_ column: String, _ null: Bool) {
        clauses.append("\(column) IS \(null ? "" : "NOT ")NULL")
    }

    /// `column = ANY(values)` (or `<> ALL`); nothing when `values` is empty.
    mutating func anyOf(_ column: String, _ values: [String], negated: Bool = false) {
        guard !values.isEmpty else { return }
        let list = placeholder(values)
        clauses.append(negated ? "\(column) <> ALL(\(list))" : "\(column) = ANY(\(list))")
    }

    /// The same for a UUID column.
    mutating func anyOf(_ column: String, _ values: [UUID], negated: Bool = false) {
        guard !values.isEmpty else { return }
        let list = placeholder(values)
        clauses.append(negated ? "\(column) <> ALL(\(list))" : "\(column) = ANY(\(list))")
    }

    /// `created_at` strictly inside the given bounds. Stored times keep the millisecond the domain gives them; a bound
    /// between two milliseconds is moved outward to the next one, as the SQLite adapter does, so both answer alike.
    mutating func created(before: Date?, after: Date?, column: String = "created_at") {
        if let before { clauses.append("\(column) < \(placeholder(StoredTime(Timestamp.bound(before, .up))))") }
        if let after { clauses.append("\(column) > \(placeholder(StoredTime(Timestamp.bound(after, .down))))") }
    }


    /// Rows whose `labels` hold every pair: one containment test, served by the GIN index on `labels`.
    mutating func labels(_ labels: [String: String], column: String = "labels") throws(StoreError) {
        guard !labels.isEmpty else { return }
        clauses.append("\(column) @> \(placeholder(try PostgresCoding.json(labels)))")
    }

    /// Rows whose `labels` hold each key with the given value, or lack it where the value is nil.
    mutating func labelValues(_ pairs: [(key: String, value: String?)], column: String = "labels") throws(StoreError) {
        for (key, value) in pairs {
            if let value {
                clauses.append("\(column) @> \(placeholder(try PostgresCoding.json([key: value])))")
            } else {
                clauses.append("NOT (\(column) ? \(placeholder(key)))")
            }
        }
    }

    /// `column > value`: a keyset position over an integer column.
    mutating func greater(_ column: String, _ value: Int64) {
        clauses.append("\(column) > \(placeholder(value))")
    }

    /// Only rows after the cursor in `created_at DESC, id DESC` order: a row comparison, one range on the list's index.
    mutating func after(createdAt: Date, id: UUID, columns: (created: String, id: String) = ("created_at", "id")) {
        let date = placeholder(StoredTime(createdAt))
        let uuid = placeholder(id)
        clauses.append("(\(columns.created), \(columns.id)) < (\(date), \(uuid))")
    }

    /// The WHERE condition alone (`true` when there is none).
    var condition: String { clauses.isEmpty ? "true" : clauses.joined(separator: " AND ") }

    /// The listing statement: newest first, at most `limit` rows.
    func select(_ selection: String = "*", from table: String, limit: Int) -> PostgresQuery {
        var binds = binds
        binds.append(limit)
        return PostgresQuery(unsafeSQL: """
            SELECT \(selection) FROM \(table) WHERE \(condition)
            ORDER BY created_at DESC, id DESC LIMIT $\(binds.count)
            """, binds: binds)
    }
}
