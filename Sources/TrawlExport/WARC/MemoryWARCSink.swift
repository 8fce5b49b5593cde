/// A `WARCSink` that keeps the archive in memory, for tests and small exports.
public struct MemoryWARCSink: WARCSink, Sendable, Equatable {
    /// Everything written so far.
    public private(set) var bytes: [UInt8] = []

    /// Creates an empty sink.
    public init() {}

    /// Appends bytes to `bytes`.
    public mutating func write(_ bytes: [UInt8]) throws {
        self.bytes.append(contentsOf: bytes)
    }
}
