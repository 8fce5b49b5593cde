/// A store a copy writes into, table by table in `StoreTable.allCases` order, keeping every key as the source has it.
public protocol TableSink: Sendable {
    /// True when the store holds no job (and so nothing else): the only state a copy writes into.
    func isEmpty() async throws(StoreError) -> Bool
    /// Writes `rows` of `table` as they are, keys included, in one transaction.
    func insert(_ rows: [StoredRow], into table: StoreTable) async throws(StoreError)
    /// After the last table: whatever the store generates next (run keys, page sequences, document and chunk IDs)
    /// continues after the copied rows' keys.
    func finishCopy() async throws(StoreError)
}
