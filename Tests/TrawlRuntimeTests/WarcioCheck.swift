import Foundation

/// Runs `scripts/check-warc.py` (warcio, installed by scripts/test) on a WARC file.
enum WarcioCheck {
    struct Result: Sendable {
        var status: Int32
        var output: String
    }

    static func run(_ path: String) async throws -> Result {
        try await OwnThread.run { try runBlocking(path) }
    }

    private static func runBlocking(_ path: String) throws -> Result {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("scripts/check-warc.py").path, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
