/// One column value of a copied row, in the neutral form both stores agree on (`TableSource`, `TableSink`).
///
/// Deliberately SQLite's five storage classes: the sink converts each to its own column type by the column's
/// `StoredColumn.Kind` (a `.time` is milliseconds since 1970 as `.integer`, a `.boolean` is 0 or 1, a `.uuid` and a
/// `.json` are `.text`).
public enum StoredValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}
