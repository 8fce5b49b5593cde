import Foundation
import Testing
@testable import TrawlExport

/// Runs `scripts/check-warc.py` (warcio with digest checking) over the writer's output.
///
/// Skipped, with the reason shown in the test log, where warcio is not installed; CI installs it.
@Suite(.enabled(if: PythonProcess.warcioInstalled, "warcio is not installed (pip install warcio)"))
struct CheckWARCScriptTests {
    /// The checker script, found relative to this file: Tests/TrawlExportTests/WARC/ → package root.
    private static let scriptPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/check-warc.py").path

    private let exchanges = [
        WARCTestFixtures.gzipEncodedPage, WARCTestFixtures.truncatedHTTP2Download,
        WARCTestFixtures.emptyChunkedResponse,
    ]

    @Test("warcio reads .warc and .warc.gz output with every digest and record link intact")
    func archivesPass() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for gzip in [false, true] {
            let path = directory.appendingPathComponent(gzip ? "sample.warc.gz" : "sample.warc").path
            var writer = WARCWriter(sink: try FileWARCSink(path: path), gzip: gzip)
            try writer.writeWarcinfo(software: "Trawl/0.1", fields: [("isPartOf", "check-warc test")])
            for exchange in exchanges {
                try writer.write(exchange)
            }
            try writer.finish().close()
            paths.append(path)
        }

        let result = try PythonProcess.run([Self.scriptPath] + paths)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "check-warc: OK: 2 files, 14 records (6 request, 6 response, 2 warcinfo)\n")
    }

    @Test("the checker rejects a payload changed after writing")
    func corruptedPayloadFails() throws {
        var bytes = try WARCTestFixtures.archive([WARCTestFixtures.gzipEncodedPage], gzip: false)
        let body = Array("<html>hello</html>".utf8)
        let start = try #require(bytes.firstRange(of: body)).lowerBound
        bytes[start + 1] = UInt8(ascii: "H")

        let result = try Self.check(bytes, name: "corrupt.warc")
        #expect(result.status == 1)
        #expect(result.stderr.contains("payload digest failed"))
        #expect(result.stdout.hasPrefix("check-warc: FAILED"))
    }

    @Test("the checker rejects a response whose request record is missing")
    func missingRequestFails() throws {
        let bytes = try WARCTestFixtures.archive([WARCTestFixtures.gzipEncodedPage], gzip: false)
        let records = try WARCTestReader.records(in: bytes)
        // Drop the request record: it is the tail of the archive, starting at its "WARC/1.1" line.
        let requestLength = Self.serializedLength(of: try #require(records.last))
        let result = try Self.check(Array(bytes.dropLast(requestLength)), name: "orphan.warc")
        #expect(result.status == 1)
        #expect(result.stderr.contains("is not followed by a request"))
    }

    /// Writes `bytes` to a temporary file and runs the checker on it.
    private static func check(_ bytes: [UInt8], name: String) throws -> PythonProcess.Result {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try PythonProcess.run([scriptPath, path])
    }

    /// The on-disk size of a parsed record: version line, fields, blank line, block, CRLFCRLF.
    private static func serializedLength(of record: ParsedWARCRecord) -> Int {
        let fieldBytes = record.fields.reduce(0) { $0 + $1.name.utf8.count + 2 + $1.value.utf8.count + 2 }
        return "WARC/1.1\r\n".utf8.count + fieldBytes + 2 + record.block.count + 4
    }

    private static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-check-warc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
