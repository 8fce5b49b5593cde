import Foundation
import Synchronization
@testable import TrawlExport

/// Sample exchanges and deterministic writer inputs shared by the WARC tests.
enum WARCTestFixtures {
    /// 2026-01-15T09:30:00Z plus a fraction, to show fractions are dropped.
    static let responseDate = Date(timeIntervalSince1970: 1_768_469_400.75)
    /// 2026-01-15T09:00:00Z, the injected "now" for warcinfo records.
    static let startDate = Date(timeIntervalSince1970: 1_768_467_600)

    /// An HTTP/1.1 exchange whose gzip-encoded body libcurl decoded.
    static let gzipEncodedPage = WARCExchange(
        targetURI: "https://example.com/page",
        date: responseDate,
        ipAddress: "93.184.216.34",
        requestHead: bytes(
            "GET /page HTTP/1.1\r\nHost: example.com\r\nUser-Agent: Trawl/0.1\r\nAccept-Encoding: gzip\r\n\r\n"),
        responseHead: bytes(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: 31\r\n\r\n"),
        body: bytes("<html>hello</html>")
    )

    /// An HTTP/2 exchange as libcurl reports it, with a body cut at the size cap.
    static let truncatedHTTP2Download = WARCExchange(
        targetURI: "https://example.org/big.bin",
        date: responseDate,
        ipAddress: "2001:db8::1",
        requestHead: bytes("GET /big.bin HTTP/2\r\nHost: example.org\r\nAccept: */*\r\n\r\n"),
        responseHead: bytes("HTTP/2 200 \r\ncontent-type: application/octet-stream\r\ncontent-length: 1000000\r\n\r\n"),
        body: (0..<4096).map { UInt8($0 % 251) },
        truncated: true
    )

    /// A chunked HTTP/1.1 response with an empty body and no known peer address.
    static let emptyChunkedResponse = WARCExchange(
        targetURI: "http://example.net/empty",
        date: responseDate,
        requestHead: bytes("GET /empty HTTP/1.1\r\nHost: example.net\r\n\r\n"),
        responseHead: bytes("HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n"),
        body: []
    )

    /// The UTF-8 bytes of `text`.
    static func bytes(_ text: String) -> [UInt8] {
        Array(text.utf8)
    }

    /// A writer with a fixed clock and record IDs 00000000-0000-4000-8000-000000000001, …0002, …
    static func deterministicWriter<Sink: WARCSink>(sink: Sink, gzip: Bool) -> WARCWriter<Sink> {
        let ids = SequentialUUIDs()
        return WARCWriter(sink: sink, gzip: gzip, now: { startDate }, newRecordID: { ids.next() })
    }

    /// Writes warcinfo plus `exchanges` with a deterministic writer and returns the archive bytes.
    static func archive(_ exchanges: [WARCExchange], gzip: Bool) throws -> [UInt8] {
        var writer = deterministicWriter(sink: MemoryWARCSink(), gzip: gzip)
        try writer.writeWarcinfo(software: "Trawl/0.1", fields: [("operator", "Test Operator")])
        for exchange in exchanges {
            try writer.write(exchange)
        }
        return writer.finish().bytes
    }
}

/// Hands out predictable UUIDs so whole archives can be compared byte for byte.
final class SequentialUUIDs: Sendable {
    private let issued = Mutex(0)

    /// The next UUID in the sequence, starting at …000000000001.
    func next() -> UUID {
        let number = issued.withLock { count in
            count += 1
            return count
        }
        return UUID(uuidString: "00000000-0000-4000-8000-" + String(format: "%012d", number))!
    }
}
