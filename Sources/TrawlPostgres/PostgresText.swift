import PostgresNIO
import TrawlCore

// Every text the adapter binds goes through `StorableText`: PostgreSQL's `text` cannot hold U+0000, and a value with one
// failed its whole statement (a crawl batch, a pipeline step, an API call: a 500), where SQLite took it. U+0000 is
// stored as U+FFFD instead, by every store alike. These overloads are picked over postgres-nio's generic ones for any
// `String`, `String?` or `[String]`, so no statement needs to remember it; `NullableArray` does the same for its
// elements, and `JSONColumn` for JSON. Filters are bound the same way, so a lookup spelt with the NUL finds what was
// stored for it.

extension PostgresQuery.StringInterpolation {
    mutating func appendInterpolation(_ value: String) {
        bind(StorableText.text(value))
    }

    mutating func appendInterpolation(_ value: String?) {
        bind(StorableText.text(value))
    }

    mutating func appendInterpolation(_ values: [String]) {
        bind(values.map { StorableText.text($0) })
    }

    /// postgres-nio's own interpolation (generic, so not these overloads again).
    private mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value) {
        appendInterpolation(value)
    }

    private mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value?) {
        appendInterpolation(value)
    }
}

extension PostgresBindings {
    mutating func append(_ value: String) {
        bind(StorableText.text(value))
    }

    mutating func append(_ values: [String]) {
        bind(values.map { StorableText.text($0) })
    }

    /// postgres-nio's own append (generic, so not these overloads again).
    private mutating func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value) {
        append(value)
    }
}
