import Foundation

/// Runs `python3` from PATH for the tests that check output with Python tooling.
enum PythonProcess {
    /// The exit status and output of one finished process.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Whether `python3 -c "import warcio"` succeeds.
    static let warcioInstalled: Bool = (try? run(["-c", "import warcio"]).status) == 0

    /// Runs `python3` with `arguments` and waits for it.
    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The scripts print a few lines at most, far below a pipe's buffer, so reading in turn cannot stall.
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }
}
