/// A column every store has for a table, with what it holds: what a copy reads from one store and writes to another.
/// Names only, no SQL: each adapter maps a kind to its own column type.
public struct StoredColumn: Sendable, Equatable {
    /// What the column holds, and so how a `StoredValue` of it is spelt.
    public enum Kind: Sendable, Equatable {
        /// A whole number; identity keys and references to them are these, copied as they are.
        case integer
        case real
        case text
        case blob
        /// 0 or 1.
        case boolean
        /// Milliseconds since 1970 (the precision both stores keep).
        case time
        /// JSON text.
        case json
        /// A UUID as text.
        case uuid
    }

    public var name: String
    public var kind: Kind

    public init(_ name: String, _ kind: Kind) {
        self.name = name
        self.kind = kind
    }
}
