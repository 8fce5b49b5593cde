import Testing
@testable import TrawlExport

/// The `.warc.gz` mode of `WARCWriter`: one gzip member per record.
struct WARCWriterGzipTests {
    private typealias Fixtures = WARCTestFixtures
    private let exchanges = [
        WARCTestFixtures.gzipEncodedPage, WARCTestFixtures.truncatedHTTP2Download,
        WARCTestFixtures.emptyChunkedResponse,
    ]

    @Test("every record is its own gzip member, and the members hold the plain archive's records")
    func oneMemberPerRecord() throws {
        let plain = try Fixtures.archive(exchanges, gzip: false)
        let compressed = try Fixtures.archive(exchanges, gzip: true)
        let members = try GzipTestInflater.members(of: compressed)

        #expect(members.count == 1 + 2 * exchanges.count)
        #expect(Array(members.joined()) == plain, "same IDs and clock, so decompressed output is identical")
        for member in members {
            // singleRecord fails unless the member is exactly one complete record.
            _ = try WARCTestReader.singleRecord(in: member)
        }
        #expect(compressed.count < plain.count)
    }

    @Test("each write call hands the sink whole members, so a crash never splits one")
    func sinkReceivesWholeMembers() throws {
        var writer = Fixtures.deterministicWriter(sink: RecordingSink(), gzip: true)
        try writer.writeWarcinfo(software: "Trawl/0.1", fields: [])
        try writer.write(Fixtures.gzipEncodedPage)
        let writes = writer.finish().writes
        #expect(writes.count == 2)
        #expect(try GzipTestInflater.members(of: writes[0]).count == 1)
        #expect(try GzipTestInflater.members(of: writes[1]).count == 2, "response and request arrive together")
    }
}

/// A sink that remembers each write separately.
private struct RecordingSink: WARCSink {
    var writes: [[UInt8]] = []

    mutating func write(_ bytes: [UInt8]) throws {
        writes.append(bytes)
    }
}
