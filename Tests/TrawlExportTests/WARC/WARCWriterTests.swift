import Synchronization
import Crypto
import Foundation
import RegexBuilder
import Testing
@testable import TrawlExport

struct WARCWriterTests {
    private typealias Fixtures = WARCTestFixtures

    @Test("a warcinfo, response and request archive matches the expected bytes exactly")
    func goldenArchive() throws {
        let archive = try Fixtures.archive([Fixtures.gzipEncodedPage], gzip: false)
        let expected =
            "WARC/1.1\r\n"
            + "WARC-Type: warcinfo\r\n"
            + "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n"
            + "WARC-Date: 2026-01-15T09:00:00Z\r\n"
            + "Content-Type: application/warc-fields\r\n"
            + "WARC-Block-Digest: sha1:I2XJNVFWVROUGSAPTOUYALIUNARIV43E\r\n"
            + "Content-Length: 169\r\n"
            + "\r\n"
            + "software: Trawl/0.1\r\n"
            + "format: WARC File Format 1.1\r\n"
            + "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
            + "operator: Test Operator\r\n"
            + "\r\n\r\n"
            + "WARC/1.1\r\n"
            + "WARC-Type: response\r\n"
            + "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000002>\r\n"
            + "WARC-Warcinfo-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n"
            + "WARC-Date: 2026-01-15T09:30:00Z\r\n"
            + "WARC-Target-URI: https://example.com/page\r\n"
            + "WARC-IP-Address: 93.184.216.34\r\n"
            + "WARC-Payload-Digest: sha1:O57NSEYVH37NN5YSIJIQGZF2VAMOK4GK\r\n"
            + "Content-Type: application/http;msgtype=response\r\n"
            + "WARC-Block-Digest: sha1:HECTRA7SYZUEIDAG75EUJWUDMG5WYO4L\r\n"
            + "Content-Length: 156\r\n"
            + "\r\n"
            + "HTTP/1.1 200 OK\r\n"
            + "Content-Type: text/html\r\n"
            + "X-Archive-Orig-Content-Encoding: gzip\r\n"
            + "X-Archive-Orig-Content-Length: 31\r\n"
            + "Content-Length: 18\r\n"
            + "\r\n"
            + "<html>hello</html>"
            + "\r\n\r\n"
            + "WARC/1.1\r\n"
            + "WARC-Type: request\r\n"
            + "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000003>\r\n"
            + "WARC-Warcinfo-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n"
            + "WARC-Date: 2026-01-15T09:30:00Z\r\n"
            + "WARC-Target-URI: https://example.com/page\r\n"
            + "WARC-IP-Address: 93.184.216.34\r\n"
            + "WARC-Concurrent-To: <urn:uuid:00000000-0000-4000-8000-000000000002>\r\n"
            + "Content-Type: application/http;msgtype=request\r\n"
            + "WARC-Block-Digest: sha1:NCERMLFA4OBZODZUPWD7YBQAP6S47YQH\r\n"
            + "Content-Length: 87\r\n"
            + "\r\n"
            + "GET /page HTTP/1.1\r\nHost: example.com\r\nUser-Agent: Trawl/0.1\r\nAccept-Encoding: gzip\r\n\r\n"
            + "\r\n\r\n"
        #expect(String(decoding: archive, as: UTF8.self) == expected)
    }

    @Test("round trip: boundaries, lengths, digests and record links all check out")
    func roundTrip() throws {
        let exchanges = [Fixtures.gzipEncodedPage, Fixtures.truncatedHTTP2Download, Fixtures.emptyChunkedResponse]
        var writer = WARCWriter(sink: MemoryWARCSink(), gzip: false)
        try writer.writeWarcinfo(software: "Trawl/0.1", fields: [])
        for exchange in exchanges {
            try writer.write(exchange)
        }
        let records = try WARCTestReader.records(in: writer.finish().bytes)

        try #require(records.count == 1 + 2 * exchanges.count)
        let warcinfoID = try #require(records[0].field("WARC-Record-ID"))
        #expect(records[0].field("WARC-Type") == "warcinfo")
        var seenIDs: Set<String> = [warcinfoID]

        for (index, exchange) in exchanges.enumerated() {
            let response = records[1 + 2 * index]
            let request = records[2 + 2 * index]
            #expect(response.field("WARC-Type") == "response")
            #expect(request.field("WARC-Type") == "request")
            for record in [response, request] {
                let id = try #require(record.field("WARC-Record-ID"))
                let uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/
                #expect(id.wholeMatch(of: Regex { "<urn:uuid:"; uuid; ">" }) != nil)
                #expect(seenIDs.insert(id).inserted, "record IDs must be unique")
                #expect(record.field("WARC-Warcinfo-ID") == warcinfoID)
                #expect(record.field("WARC-Target-URI") == exchange.targetURI)
                #expect(record.field("WARC-Date") == "2026-01-15T09:30:00Z")
                #expect(record.field("WARC-IP-Address") == exchange.ipAddress)
                #expect(record.field("Content-Length") == String(record.block.count))
                #expect(record.field("WARC-Block-Digest") == Self.sha1(record.block))
            }
            #expect(request.field("WARC-Concurrent-To") == response.field("WARC-Record-ID"))
            #expect(response.payload == exchange.body)
            #expect(response.field("WARC-Payload-Digest") == Self.sha1(exchange.body))
            #expect(request.field("WARC-Payload-Digest") == nil)
            #expect(request.payload.isEmpty)
            #expect(response.field("Content-Type") == "application/http;msgtype=response")
            #expect(request.field("Content-Type") == "application/http;msgtype=request")
            let head = String(decoding: response.httpHead, as: UTF8.self)
            #expect(head.hasPrefix("HTTP/1."))
            #expect(head.contains("\r\nContent-Length: \(exchange.body.count)\r\n"))
        }
    }

    @Test("WARC-Truncated: length appears exactly when the body was cut")
    func truncatedFlag() throws {
        let records = try WARCTestReader.records(
            in: Fixtures.archive([Fixtures.truncatedHTTP2Download, Fixtures.gzipEncodedPage], gzip: false))
        #expect(records[1].field("WARC-Truncated") == "length")
        #expect(records[2].field("WARC-Truncated") == nil, "the request itself was not truncated")
        #expect(records[3].field("WARC-Truncated") == nil)
        let head = String(decoding: records[1].httpHead, as: UTF8.self)
        #expect(head == "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\n"
            + "X-Archive-Orig-content-length: 1000000\r\nContent-Length: 4096\r\n\r\n")
    }

    @Test("an unknown peer address leaves WARC-IP-Address out")
    func missingIPAddress() throws {
        let records = try WARCTestReader.records(in: Fixtures.archive([Fixtures.emptyChunkedResponse], gzip: false))
        #expect(records[1].field("WARC-IP-Address") == nil)
        #expect(records[2].field("WARC-IP-Address") == nil)
    }

    @Test("records written before any warcinfo carry no WARC-Warcinfo-ID; later ones follow the latest warcinfo")
    func warcinfoLinks() throws {
        var writer = WARCWriter(sink: MemoryWARCSink(), gzip: false)
        try writer.write(Fixtures.gzipEncodedPage)
        try writer.writeWarcinfo(software: "Trawl/0.1", fields: [])
        try writer.write(Fixtures.gzipEncodedPage)
        try writer.writeWarcinfo(software: "Trawl/0.2", fields: [])
        try writer.write(Fixtures.gzipEncodedPage)
        let records = try WARCTestReader.records(in: writer.finish().bytes)
        try #require(records.count == 8)
        #expect(records[0].field("WARC-Warcinfo-ID") == nil)
        #expect(records[3].field("WARC-Warcinfo-ID") == records[2].field("WARC-Record-ID"))
        #expect(records[6].field("WARC-Warcinfo-ID") == records[5].field("WARC-Record-ID"))
        #expect(records[7].field("WARC-Warcinfo-ID") == records[5].field("WARC-Record-ID"))
    }

    @Test("caller-supplied warcinfo fields replace the defaults of the same name")
    func warcinfoFieldOverride() throws {
        var writer = WARCWriter(sink: MemoryWARCSink(), gzip: false)
        try writer.writeWarcinfo(
            software: "Trawl/0.1", fields: [("format", "WARC File Format 1.1 (custom)"), ("isPartOf", "crawl-7")])
        let record = try WARCTestReader.singleRecord(in: writer.finish().bytes)
        #expect(
            String(decoding: record.block, as: UTF8.self)
                == "software: Trawl/0.1\r\n"
                + "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
                + "format: WARC File Format 1.1 (custom)\r\nisPartOf: crawl-7\r\n")
    }

    @Test(
        "field values that could break the record header are rejected before anything is written",
        arguments: [
            WARCExchange(
                targetURI: "https://example.com/a\r\nWARC-Type: resource", date: .now,
                requestHead: Array("GET / HTTP/1.1\r\n\r\n".utf8), responseHead: Array("HTTP/1.1 200 OK\r\n\r\n".utf8),
                body: []),
            WARCExchange(
                targetURI: "https://example.com/a b", date: .now,
                requestHead: Array("GET / HTTP/1.1\r\n\r\n".utf8), responseHead: Array("HTTP/1.1 200 OK\r\n\r\n".utf8),
                body: []),
            WARCExchange(
                targetURI: "", date: .now,
                requestHead: Array("GET / HTTP/1.1\r\n\r\n".utf8), responseHead: Array("HTTP/1.1 200 OK\r\n\r\n".utf8),
                body: []),
            WARCExchange(
                targetURI: "https://example.com/", date: .now, ipAddress: "1.2.3.4\n",
                requestHead: Array("GET / HTTP/1.1\r\n\r\n".utf8), responseHead: Array("HTTP/1.1 200 OK\r\n\r\n".utf8),
                body: []),
        ])
    func unsafeFieldValues(exchange: WARCExchange) {
        var writer = WARCWriter(sink: MemoryWARCSink(), gzip: false)
        #expect(throws: WARCError.self) { try writer.write(exchange) }
        #expect(writer.finish().bytes.isEmpty)
    }

    @Test("a malformed HTTP head fails the whole exchange, so no response is left without its request")
    func malformedRequestWritesNothing() {
        var exchange = Fixtures.gzipEncodedPage
        exchange.requestHead = []
        var writer = WARCWriter(sink: MemoryWARCSink(), gzip: true)
        #expect(throws: WARCError.malformedRequestHead(reason: "it is empty")) { try writer.write(exchange) }
        #expect(writer.finish().bytes.isEmpty)
    }

    /// The export makes a page's records on a compute thread with the writer's `maker` and appends their bytes: the
    /// archive is byte for byte the one `write` makes.
    @Test("records made apart and appended make the archive write makes", arguments: [false, true])
    func madeApartAndAppended(gzip: Bool) throws {
        let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_800_000_000) }
        func ids() -> @Sendable () -> UUID {
            let next = Mutex(0)
            return { next.withLock { count in
                count += 1
                return UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", count))!
            } }
        }
        let exchanges = [Fixtures.gzipEncodedPage, Fixtures.truncatedHTTP2Download, Fixtures.emptyChunkedResponse]
        var written = WARCWriter(sink: MemoryWARCSink(), gzip: gzip, now: clock, newRecordID: ids())
        var appended = WARCWriter(sink: MemoryWARCSink(), gzip: gzip, now: clock, newRecordID: ids())
        try written.writeWarcinfo(software: "Trawl/0.1", fields: [])
        try appended.writeWarcinfo(software: "Trawl/0.1", fields: [])
        for exchange in exchanges {
            try written.write(exchange)
            let maker = appended.maker
            try appended.append(try maker.records(for: exchange))
        }
        let (made, apart) = (written.finish().bytes, appended.finish().bytes)
        #expect(made == apart && !made.isEmpty)
    }

    @Test("invalid warcinfo field names and values are rejected")
    func invalidWarcinfoFields() {
        var writer = WARCWriter(sink: MemoryWARCSink(), gzip: false)
        #expect(throws: WARCError.invalidFieldName("bad name")) {
            try writer.writeWarcinfo(software: "Trawl", fields: [("bad name", "x")])
        }
        #expect(throws: WARCError.invalidFieldValue(name: "software", value: "Trawl\r\nformat: evil")) {
            try writer.writeWarcinfo(software: "Trawl\r\nformat: evil", fields: [])
        }
        #expect(writer.finish().bytes.isEmpty)
    }

    @Test("sink errors reach the caller")
    func sinkErrorsPropagate() {
        var writer = WARCWriter(sink: FailingSink(), gzip: false)
        #expect(throws: FailingSink.Refused.self) { try writer.write(Fixtures.gzipEncodedPage) }
    }

    /// The digest computed independently of the writer's own helper (Base32 is checked against RFC vectors).
    private static func sha1(_ bytes: [UInt8]) -> String {
        "sha1:" + Base32.encode(Array(Insecure.SHA1.hash(data: bytes)))
    }
}

/// A sink whose destination always refuses bytes.
private struct FailingSink: WARCSink {
    struct Refused: Error {}

    mutating func write(_ bytes: [UInt8]) throws {
        throw Refused()
    }
}
