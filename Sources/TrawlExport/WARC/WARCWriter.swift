import Foundation

/// Writes WARC/1.1 records to a sink, optionally one gzip member per record (`.warc.gz`).
///
/// Non-copyable because a writer stands for one archive: a copy would keep writing to the same
/// file while its warcinfo link and in-memory sink state silently diverged from the original's.
public struct WARCWriter<Sink: WARCSink>: ~Copyable {
    /// Where the records go.
    public private(set) var sink: Sink
    /// Whether each record is written as its own gzip member.
    public let gzip: Bool
    /// Dates warcinfo records; exchanges carry their own date.
    let now: @Sendable () -> Date
    /// Makes the UUIDs behind WARC-Record-ID values.
    private let newRecordID: @Sendable () -> UUID
    /// The WARC-Record-ID of the latest warcinfo record, which later records refer to.
    private(set) var warcinfoID: String?

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
        self.gzip = gzip
        self.now = now
        self.newRecordID = newRecordID
    }

    /// Writes a `warcinfo` record describing the crawl; records written after it point to it.
    ///
    /// `software`, `format` and `conformsTo` are filled in unless `fields` supplies them.
    public mutating func writeWarcinfo(software: String, fields: [(String, String)]) throws {
        let id = recordID()
        let record = try warcinfoRecord(id: id, software: software, fields: fields)
        try emit([record])
        warcinfoID = id
    }

    /// Writes a `response` record for `exchange`, then its `request` record.
    ///
    /// Both records go to the sink in one write, so a failure never leaves a response without its request.
    public mutating func write(_ exchange: WARCExchange) throws {
        let responseID = recordID()
        let response = try responseRecord(id: responseID, for: exchange)
        let request = try requestRecord(id: recordID(), concurrentTo: responseID, for: exchange)
        try emit([response, request])
    }

    /// Writes a `revisit` record for `exchange` (whose body is not archived again), then its `request` record.
    public mutating func write(_ exchange: WARCExchange, revisiting revisit: WARCRevisit) throws {
        let revisitID = recordID()
        let record = try revisitRecord(id: revisitID, for: exchange, revisit: revisit)
        let request = try requestRecord(id: recordID(), concurrentTo: revisitID, for: exchange)
        try emit([record, request])
    }

    /// Ends writing and hands back the sink, for example to close a file or read an in-memory archive.
    public consuming func finish() -> Sink {
        sink
    }

    /// Serialises, optionally compresses, and writes `records` with a single sink call.
    private mutating func emit(_ records: [WARCRecord]) throws {
        var bytes: [UInt8] = []
        for record in records {
            // One gzip member per record lets readers seek to any record's offset and decompress only it.
            let serialized = record.serialized()
            bytes += gzip ? try GzipMember.compress(serialized) : serialized
        }
        try sink.write(bytes)
    }

    /// A fresh `<urn:uuid:…>` record ID, lower-case as WARC tools conventionally write it.
    private func recordID() -> String {
        "<urn:uuid:\(newRecordID().uuidString.lowercased())>"
    }
}

extension WARCWriter: Sendable where Sink: Sendable {}
