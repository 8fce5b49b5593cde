import Foundation
import GRDB
import TrawlCore

/// Builds the WHERE clause and arguments of a keyset-paginated listing (jobs, runs): one place for the filters
/// both share, so they stay alike and parameterised.
struct ListFilter {
    private var clauses: [String] = []
    private var arguments: [DatabaseValue] = []
    /// What the listing reads from (a table, or a join) and selects, and the columns it is ordered by.
    private var source: String?
    private var selection = "*"
    private var order = (created: "created_at", id: "id")

    /// `column = value`.
    mutating func equals(_ column: String, _ value: some DatabaseValueConvertible) {
        clauses.append("\(column) = ?")
        arguments.append(RowCoding.value(value))
    }

    /// A condition of the store's own making (never a client's text).
    mutating func clause(_ condition: String) {
        clauses.append(condition)
    }

    /// `column IS NULL` (or `IS NOT NULL`).
    mutating func isNull(_ column: String, _ null: Bool) {
        clauses.append("\(column) IS \(null ? "" : "NOT ")NULL")
    }

    /// `column IN (…)` (or `NOT IN`); nothing when `values` is empty.
    mutating func anyOf(_ column: String, _ values: [String], negated: Bool = false) {
        guard !values.isEmpty else { return }
        let marks = Array(repeating: "?", count: values.count).joined(separator: ",")
        clauses.append("\(column) \(negated ? "NOT IN" : "IN") (\(marks))")
        arguments.append(contentsOf: values.map(RowCoding.value))
    }

    /// `created_at` strictly inside the given bounds. Stored times have millisecond precision: a bound between two
    /// milliseconds is moved outward to the next one, so no row inside the bounds is lost to rounding.
    mutating func created(before: Date?, after: Date?) {
        if let before {
            clauses.append("created_at < ?")
            arguments.append(Timestamp.format(Timestamp.bound(before, .up)).databaseValue)
        }
        if let after {
            clauses.append("created_at > ?")
            arguments.append(Timestamp.format(Timestamp.bound(after, .down)).databaseValue)
        }
    }


    /// Runs holding every label pair. The list is then driven by the first pair's rows of `run_labels`, which are
    /// in the list's order: only that label's runs are read, and only until the page is full. Further pairs are
    /// checked through the same table. Call before `after`, whose cursor then reads the label rows' copy of the
    /// order columns.
    mutating func runLabels(_ labels: [String: String], tenantID: String) {
        let pairs = labels.sorted(by: { $0.key < $1.key })
        guard let (name, value) = pairs.first else { return }
        source = "run_labels CROSS JOIN runs ON runs.key = run_labels.run_key"
        selection = "runs.*"
        order = (created: "run_created", id: "run_uuid")
        clauses.append("label_tenant = ? AND label_name = ? AND label_value = ?")
        arguments.append(contentsOf: [RowCoding.value(tenantID), RowCoding.value(name), RowCoding.value(value)])
        for (name, value) in pairs.dropFirst() {
            clauses.append("""
                key IN (SELECT run_key FROM run_labels AS other
                        WHERE other.label_tenant = ? AND other.label_name = ? AND other.label_value = ?)
                """)
            arguments.append(contentsOf: [RowCoding.value(tenantID), RowCoding.value(name), RowCoding.value(value)])
        }
    }

    /// Rows of `table` whose JSON `labels` contain every pair.
    mutating func labels(_ labels: [String: String], of table: String) {
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
            clauses.append("EXISTS (SELECT 1 FROM json_each(\(table).labels) WHERE json_each.key = ? AND json_each.value = ?)")
            arguments.append(contentsOf: [RowCoding.value(key), RowCoding.value(value)])
        }
    }

    /// Rows of `table` whose JSON `labels` hold each key with the given value, or lack it where the value is nil.
    mutating func labelValues(_ pairs: [(key: String, value: String?)], of table: String) {
        for (key, value) in pairs {
            let select = "SELECT 1 FROM json_each(\(table).labels) WHERE json_each.key = ?"
            if let value {
                clauses.append("EXISTS (\(select) AND json_each.value = ?)")
                arguments.append(contentsOf: [RowCoding.value(key), RowCoding.value(value)])
            } else {
                clauses.append("NOT EXISTS (\(select))")
                arguments.append(RowCoding.value(key))
            }
        }
    }

    /// `column > value`: a keyset position over an integer column.
    mutating func greater(_ column: String, _ value: Int64) {
        clauses.append("\(column) > ?")
        arguments.append(RowCoding.value(value))
    }

    /// The WHERE condition alone ("1" when there is none) and its arguments, for statements built around it.
    var condition: (sql: String, arguments: [DatabaseValue]) {
        (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments)
    }

    /// Only rows after the cursor in `created_at DESC, id DESC` order. A row value, which SQLite turns into one
    /// range on the list's index (an `a < ? OR (a = ? AND b < ?)` spelling makes it read both branches and sort).
    mutating func after(createdAt: Date, id: String) {
        clauses.append("(\(order.created), \(order.id)) < (?, ?)")
        arguments.append(contentsOf: [Timestamp.format(createdAt).databaseValue, id.databaseValue])
    }

    /// The listing statement: newest first, at most `limit` rows.
    func select(from table: String, limit: Int) -> (sql: String, arguments: StatementArguments) {
        let condition = clauses.isEmpty ? "1" : clauses.joined(separator: " AND ")
        return ("""
            SELECT \(selection) FROM \(source ?? table) WHERE \(condition)
            ORDER BY \(order.created) DESC, \(order.id) DESC LIMIT ?
            """, StatementArguments(arguments + [limit.databaseValue]))
    }
}
