import Foundation

/// Writes WARC/1.1 records to a sink, optionally one gzip member per record (`.warc.gz`).
///
/// Non-copyable because a writer stands for one archive: a copy would keep writing to the same
/// file while its warcinfo link and in-memory sink state silently diverged from the original's.
public struct WARCWriter<Sink: WARCSink>: ~Copyable {
    /// Where the records go.
    public private(set) var sink: Sink
    /// What makes the records; take it to make a page's records elsewhere, then `append` their bytes.
    public private(set) var maker: WARCRecordMaker
    /// Whether each record is written as its own gzip member.
    public var gzip: Bool { maker.gzip }
    /// The WARC-Record-ID of the latest warcinfo record, which later records refer to.
    var warcinfoID: String? { maker.warcinfoID }

    /// Creates a writer that stamps warcinfo records with the current time and random record IDs.
    public init(sink: Sink, gzip: Bool) {
        self.init(sink: sink, gzip: gzip, now: { Date() }, newRecordID: { UUID() })
    }

    /// Creates a writer with an injected clock and record-ID source, for reproducible archives.
    public init(
        sink: Sink,
        gzip: Bool,
        now: @escaping @Sendable () -> Date,
        newRecordID: @escaping @Sendable () -> UUID
    ) {
        self.sink = sink
        maker = WARCRecordMaker(gzip: gzip, now: now, newRecordID: newRecordID, warcinfoID: nil)
    }

    /// Writes a `warcinfo` record describing the crawl; records written after it point to it.
    ///
    /// `software`, `format` and `conformsTo` are filled in unless `fields` supplies them.
    public mutating func writeWarcinfo(software: String, fields: [(String, String)]) throws {
        let id = maker.recordID()
        let record = try maker.warcinfoRecord(id: id, software: software, fields: fields)
        try sink.write(try maker.bytes([record]))
        maker.warcinfoID = id
    }

    /// Writes a `response` record for `exchange`, then its `request` record.
    ///
    /// Both records go to the sink in one write, so a failure never leaves a response without its request.
    public mutating func write(_ exchange: WARCExchange) throws {
        try sink.write(try maker.records(for: exchange))
    }

    /// Writes a `revisit` record for `exchange` (whose body is not archived again), then its `request` record.
    public mutating func write(_ exchange: WARCExchange, revisiting revisit: WARCRevisit) throws {
        try sink.write(try maker.records(for: exchange, revisiting: revisit))
    }

    /// Writes records `maker` made (for this writer's archive, after its warcinfo) in a single sink call.
    public mutating func append(_ bytes: [UInt8]) throws {
        try sink.write(bytes)
    }

    /// Ends writing and hands back the sink, for example to close a file or read an in-memory archive.
    public consuming func finish() -> Sink {
        sink
    }
}

extension WARCWriter: Sendable where Sink: Sendable {}
