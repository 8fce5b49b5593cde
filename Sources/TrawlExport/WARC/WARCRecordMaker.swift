import Foundation

/// Builds an archive's records and their bytes (serialised, gzipped per record when asked): everything a
/// `WARCWriter` does but the writing. A value, so a caller can make a page's records on another thread (the digest
/// and gzip of a large body take a second) and hand the bytes to the writer.
public struct WARCRecordMaker: Sendable {
    /// Whether each record is its own gzip member.
    public let gzip: Bool
    /// Dates warcinfo records; exchanges carry their own date.
    let now: @Sendable () -> Date
    /// Makes the UUIDs behind WARC-Record-ID values.
    let newRecordID: @Sendable () -> UUID
    /// The WARC-Record-ID of the archive's latest warcinfo record, which later records refer to.
    var warcinfoID: String?

    /// The bytes of a `response` record for `exchange`, then its `request` record.
    public func records(for exchange: WARCExchange) throws -> [UInt8] {
        let responseID = recordID()
        let response = try responseRecord(id: responseID, for: exchange)
        let request = try requestRecord(id: recordID(), concurrentTo: responseID, for: exchange)
        return try bytes([response, request])
    }

    /// The bytes of a `revisit` record for `exchange` (whose body is not archived again), then its `request` record.
    public func records(for exchange: WARCExchange, revisiting revisit: WARCRevisit) throws -> [UInt8] {
        let revisitID = recordID()
        let record = try revisitRecord(id: revisitID, for: exchange, revisit: revisit)
        let request = try requestRecord(id: recordID(), concurrentTo: revisitID, for: exchange)
        return try bytes([record, request])
    }

    /// `records` serialised and, with `gzip`, compressed one member per record (readers can then seek to any record's
    /// offset and decompress only it).
    func bytes(_ records: [WARCRecord]) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for record in records {
            let serialized = record.serialized()
            bytes += gzip ? try GzipMember.compress(serialized) : serialized
        }
        return bytes
    }

    /// A fresh `<urn:uuid:…>` record ID, lower-case as WARC tools conventionally write it.
    func recordID() -> String {
        "<urn:uuid:\(newRecordID().uuidString.lowercased())>"
    }

    /// The warcinfo fields every archive carries; `conformsTo` names the spec the records follow.
    private static var standardWarcinfoFields: [(String, String)] {
        [
            ("format", "WARC File Format 1.1"),
            ("conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"),
        ]
    }

    /// A `warcinfo` record with an `application/warc-fields` block.
    func warcinfoRecord(id: String, software: String, fields: [(String, String)]) throws(WARCError) -> WARCRecord {
        let given = Set(fields.map { $0.0.lowercased() })
        let defaults = ([("software", software)] + Self.standardWarcinfoFields).filter {
            !given.contains($0.0.lowercased())
        }
        var block = ""
        for (name, value) in defaults + fields {
            try WARCFieldSyntax.checkName(name)
            try WARCFieldSyntax.checkValue(value, of: name)
            block += "\(name): \(value)\r\n"
        }
        return WARCRecord(
            fields: [
                ("WARC-Type", "warcinfo"),
                ("WARC-Record-ID", id),
                ("WARC-Date", WARCDate.string(from: now())),
                ("Content-Type", "application/warc-fields"),
            ],
            block: [Array(block.utf8)]
        )
    }

    /// A `response` record: the archived status line and headers, then the decoded body as payload.
    func responseRecord(id: String, for exchange: WARCExchange) throws(WARCError) -> WARCRecord {
        let head = try WARCHTTPHead(parsing: exchange.responseHead, kind: .response)
            .archivedBytes(bodyLength: exchange.body.count)
        var fields = try commonFields(type: "response", id: id, for: exchange)
        if exchange.truncated {
            fields.append(("WARC-Truncated", "length"))
        }
        fields.append(("WARC-Payload-Digest", WARCDigest.sha1(of: [exchange.body])))
        fields.append(("Content-Type", "application/http;msgtype=response"))
        return WARCRecord(fields: fields, block: [head, exchange.body])
    }

    /// A `revisit` record naming the capture that holds the payload.
    ///
    /// An identical-payload-digest revisit holds the new response's head, framed as the original response was
    /// archived, so a replay tool joining it to that payload reads it right. A server-not-modified revisit holds no
    /// block: pywb (2.10) serves the head of a revisit whose status is 3xx as it stands instead of looking up the
    /// payload, so a 304 head there would replay as an empty 304. The 304's head stays in the store; the request
    /// record beside the revisit shows the conditional request.
    func revisitRecord(id: String, for exchange: WARCExchange, revisit: WARCRevisit) throws(WARCError) -> WARCRecord {
        try WARCFieldSyntax.checkSpaceless(revisit.refersToTargetURI, of: "WARC-Refers-To-Target-URI")
        var fields = try commonFields(type: "revisit", id: id, for: exchange)
        fields.append(("WARC-Profile", revisit.profile.rawValue))
        fields.append(("WARC-Refers-To-Target-URI", revisit.refersToTargetURI))
        fields.append(("WARC-Refers-To-Date", WARCDate.string(from: revisit.refersToDate)))
        if let payload = revisit.payload {
            // The original's digest: how deduplicating readers (pywb's CDX) match a revisit to its capture.
            fields.append(("WARC-Payload-Digest", WARCDigest.sha1(of: [payload])))
        }
        switch revisit.profile {
        case .serverNotModified:
            return WARCRecord(fields: fields, block: [])
        case .identicalPayloadDigest:
            let parsed = try WARCHTTPHead(parsing: exchange.responseHead, kind: .response)
            let head = try parsed.archivedBytes(bodyLength: revisit.payload?.count ?? 0)
            // §6.7.2: the payload is left out of a block that has the head.
            fields.append(("WARC-Truncated", "length"))
            fields.append(("Content-Type", "application/http;msgtype=response"))
            return WARCRecord(fields: fields, block: [head])
        }
    }

    /// A `request` record holding the archived request head, tied to its response by WARC-Concurrent-To.
    func requestRecord(id: String, concurrentTo responseID: String, for exchange: WARCExchange) throws(WARCError)
        -> WARCRecord
    {
        let head = try WARCHTTPHead(parsing: exchange.requestHead, kind: .request).archivedBytes(bodyLength: 0)
        var fields = try commonFields(type: "request", id: id, for: exchange)
        fields.append(("WARC-Concurrent-To", responseID))
        fields.append(("Content-Type", "application/http;msgtype=request"))
        return WARCRecord(fields: fields, block: [head])
    }

    /// The fields a response and its request share, in the order WARC tools usually write them.
    private func commonFields(type: String, id: String, for exchange: WARCExchange) throws(WARCError)
        -> [(name: String, value: String)]
    {
        try WARCFieldSyntax.checkSpaceless(exchange.targetURI, of: "WARC-Target-URI")
        var fields: [(name: String, value: String)] = [("WARC-Type", type), ("WARC-Record-ID", id)]
        if let warcinfoID {
            fields.append(("WARC-Warcinfo-ID", warcinfoID))
        }
        fields.append(("WARC-Date", WARCDate.string(from: exchange.date)))
        fields.append(("WARC-Target-URI", exchange.targetURI))
        if let ipAddress = exchange.ipAddress {
            try WARCFieldSyntax.checkSpaceless(ipAddress, of: "WARC-IP-Address")
            fields.append(("WARC-IP-Address", ipAddress))
        }
        return fields
    }
}
