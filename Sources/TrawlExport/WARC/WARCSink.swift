/// Where a `WARCWriter` sends finished records; each call carries whole records.
public protocol WARCSink {
    /// Appends bytes to the archive.
    mutating func write(_ bytes: [UInt8]) throws
}
