import Foundation

/// What one run of the curl command-line tool did.
struct CurlToolResult: Sendable {
    var exitCode: Int32
    var output: [UInt8]
    var errorOutput: String
    var elapsed: Duration

    /// The output as UTF-8 text.
    var text: String { String(decoding: output, as: UTF8.self) }
}

/// Runs `/usr/bin/curl` as a client for the fixture server, off the cooperative thread pool.
enum CurlTool {
    /// Runs curl with `arguments` (plus `--silent --show-error`) and waits for it to exit.
    static func run(_ arguments: [String]) async throws -> CurlToolResult {
        try await withCheckedThrowingContinuation { continuation in
            // Process and pipe reads block, so they get their own thread instead of a pool thread.
            Thread {
                continuation.resume(with: Result { try runBlocking(arguments) })
            }.start()
        }
    }

    private static func runBlocking(_ arguments: [String]) throws -> CurlToolResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["--silent", "--show-error", "--noproxy", "*"] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        let errorData = ErrorCollector()
        let errorReader = Thread { errorData.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        errorReader.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let elapsed = clock.now - start
        return CurlToolResult(
            exitCode: process.terminationStatus,
            output: [UInt8](data),
            errorOutput: String(decoding: errorData.waitForValue(), as: UTF8.self),
            elapsed: elapsed
        )
    }
}

/// Hands curl's stderr from its reader thread to the caller.
private final class ErrorCollector: @unchecked Sendable {
    // Guarded by `condition`.
    private var value: Data?
    private let condition = NSCondition()

    func set(_ data: Data) {
        condition.lock()
        value = data
        condition.broadcast()
        condition.unlock()
    }

    func waitForValue() -> Data {
        condition.lock()
        defer { condition.unlock() }
        while value == nil { condition.wait() }
        return value!
    }
}
