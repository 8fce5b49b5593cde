import Foundation
import TrawlCore

/// One list filter, spelled once: its query parameter, how it is read and validated, where it goes in the store's
/// query, and its canonical form (what a cursor is bound to). A list's filters are a table of these (`RunFilters`,
/// `JobFilters`, `TriggerFilters`), so adding one is one line, and reading, querying and binding cannot drift apart.
struct ListFilter<Query> {
    /// Reads the parameter (reporting a bad value to the reader) into the query.
    let read: (inout QueryReader, inout Query) -> Void
    /// Adds the filter's canonical line (nothing when it is not set).
    let line: (Query, FilterLines) -> FilterLines

    /// UUIDs, as a set.
    static func identifiers<Tag>(_ name: String, _ field: WritableKeyPath<Query, [Identifier<Tag>]>) -> Self {
        Self(read: { reader, query in query[keyPath: field] = reader.identifiers(name) },
             line: { query, lines in lines.list(name, query[keyPath: field].map(\.description)) })
    }

    /// Values of an enumeration, as a set.
    static func values<Value: RawRepresentable & CaseIterable>(_ name: String, _ field: WritableKeyPath<Query, [Value]>) -> Self
        where Value.RawValue == String {
        Self(read: { reader, query in query[keyPath: field] = reader.values(name, as: Value.self) },
             line: { query, lines in lines.list(name, query[keyPath: field].map(\.rawValue)) })
    }

    /// Free text values, as a set.
    static func texts(_ name: String, _ field: WritableKeyPath<Query, [String]>) -> Self {
        Self(read: { reader, query in query[keyPath: field] = reader.list(name) },
             line: { query, lines in lines.list(name, query[keyPath: field]) })
    }

    /// An RFC 3339 timestamp.
    static func timestamp(_ name: String, _ field: WritableKeyPath<Query, Date?>) -> Self {
        Self(read: { reader, query in query[keyPath: field] = reader.timestamp(name) },
             line: { query, lines in lines.date(name, query[keyPath: field]) })
    }

    /// `true` or `false`, or absent.
    static func flag(_ name: String, _ field: WritableKeyPath<Query, Bool?>) -> Self {
        Self(read: { reader, query in query[keyPath: field] = reader.optionalFlag(name) },
             line: { query, lines in lines.list(name, query[keyPath: field].map { [$0 ? "true" : "false"] } ?? []) })
    }

    /// `labels[key]=value` pairs, all required.
    static func labels(_ field: WritableKeyPath<Query, [String: String]>) -> Self {
        Self(read: { reader, query in query[keyPath: field] = reader.labels() },
             line: { query, lines in lines.labels(query[keyPath: field]) })
    }
}

extension Array {
    /// Reads every filter of the table into `query`.
    func read<Query>(_ reader: inout QueryReader, into query: inout Query) where Element == ListFilter<Query> {
        for filter in self { filter.read(&reader, &query) }
    }

    /// The canonical lines of `query`'s filters, in the table's order.
    func lines<Query>(of query: Query) -> [String] where Element == ListFilter<Query> {
        reduce(FilterLines()) { lines, filter in filter.line(query, lines) }.lines
    }
}
