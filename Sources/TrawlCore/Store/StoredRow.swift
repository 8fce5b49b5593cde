/// One row of a copied table: its values in the order of `StoreTable.columns`.
public struct StoredRow: Sendable, Equatable {
    /// Where the row stands in the source's order: the next batch is read after the last row's position. The
    /// source's own handle (SQLite's rowid), never written to the sink.
    public var position: Int64
    /// One value per column of the table, in `StoreTable.columns` order.
    public var values: [StoredValue]

    public init(position: Int64, values: [StoredValue]) {
        self.position = position
        self.values = values
    }
}
