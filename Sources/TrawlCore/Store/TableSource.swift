/// A store a copy reads from, table by table (`StoreTable`), without loading a table into memory.
public protocol TableSource: Sendable {
    /// Up to `limit` rows of `table` after `position` (from the start when nil), in a stable order that every batch
    /// continues: the last row's `StoredRow.position` is the next call's `position`. Empty at the end.
    func rows(of table: StoreTable, after position: Int64?, limit: Int) async throws(StoreError) -> [StoredRow]
}
