import Foundation

/// Runs the built `trawl` executable (from the same build as the tests) and captures what it prints.
enum TrawlBinary {
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var path: String {
        // The test bundle sits in the build products folder, next to the executable.
        let products = Bundle.allBundles.map(\.bundleURL).first { $0.pathExtension == "xctest" }?
            .deletingLastPathComponent()
        let candidate = products?.appendingPathComponent("trawl").path
        if let candidate, FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/trawl").path
    }

    /// Runs `trawl` with `arguments` (and `input` on stdin) in `currentDirectory` (the tests' own when nil),
    /// terminating it after `timeout`.
    static func run(_ arguments: [String], input: String? = nil, timeout: TimeInterval = 120,
                    currentDirectory: String? = nil) async throws -> Result {
        try await OwnThread.run {
            try runBlocking(arguments, input: input, timeout: timeout, currentDirectory: currentDirectory)
        }
    }

    private static func runBlocking(_ arguments: [String], input: String?, timeout: TimeInterval,
                                    currentDirectory: String?) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        // Drain both pipes while the child runs, so a chatty child never blocks on a full pipe.
        let group = DispatchGroup()
        let outBox = DataBox(), errBox = DataBox()
        for (pipe, box) in [(out, outBox), (err, errBox)] {
            DispatchQueue.global().async(group: group) { box.data = pipe.fileHandleForReading.readDataToEndOfFile() }
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        group.wait()
        return Result(status: process.terminationStatus, stdout: String(decoding: outBox.data, as: UTF8.self),
                      stderr: String(decoding: errBox.data, as: UTF8.self))
    }

    private final class DataBox: @unchecked Sendable { var data = Data() }
}
