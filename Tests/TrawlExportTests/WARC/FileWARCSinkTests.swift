import Foundation
import Testing
@testable import TrawlExport

struct FileWARCSinkTests {
    /// A fresh, empty directory for one test.
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-warc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a writer's records land in the file in order")
    func writesFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("crawl.warc.gz").path

        var writer = WARCWriter(sink: try FileWARCSink(path: path), gzip: true)
        try writer.writeWarcinfo(software: "Trawl/0.1", fields: [])
        try writer.write(WARCTestFixtures.gzipEncodedPage)
        try writer.finish().close()

        let members = try GzipTestInflater.members(of: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        let types = try members.map { try WARCTestReader.singleRecord(in: $0).field("WARC-Type") }
        #expect(types == ["warcinfo", "response", "request"])
    }

    @Test("an existing archive is not overwritten unless asked")
    func refusesToOverwrite() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.warc").path
        try Data("precious".utf8).write(to: URL(fileURLWithPath: path))

        #expect(throws: WARCError.cannotOpen(path: path, reason: "File exists")) {
            _ = try FileWARCSink(path: path)
        }
        var sink = try FileWARCSink(path: path, overwrite: true)
        try sink.write(Array("new".utf8))
        try sink.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("new".utf8))
    }

    @Test("a missing directory is reported with the path and the system's reason")
    func openFailureMessage() {
        let path = "/nonexistent-trawl-dir/x.warc"
        #expect(throws: WARCError.cannotOpen(path: path, reason: "No such file or directory")) {
            _ = try FileWARCSink(path: path)
        }
        #expect(
            WARCError.cannotOpen(path: path, reason: "No such file or directory").description
                == "cannot open WARC file '/nonexistent-trawl-dir/x.warc': No such file or directory")
    }

    @Test(
        "a full disk surfaces as writeFailed naming the destination",
        .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func diskFull() throws {
        var sink = try FileWARCSink(path: "/dev/full", overwrite: true)
        #expect(throws: WARCError.writeFailed(destination: "/dev/full", reason: "No space left on device")) {
            try sink.write([1, 2, 3])
        }
    }

    @Test("a borrowed handle receives the bytes and stays open after close()")
    func borrowedHandle() throws {
        let pipe = Pipe()
        var sink = FileWARCSink(handle: pipe.fileHandleForWriting, destination: "<pipe>")
        try sink.write(Array("abc".utf8))
        try sink.close()
        try sink.write(Array("def".utf8))
        try pipe.fileHandleForWriting.close()
        #expect(try pipe.fileHandleForReading.readToEnd() == Data("abcdef".utf8))
        #expect(FileWARCSink.standardOutput.destination == "<stdout>")
    }
}
