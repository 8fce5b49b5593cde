import ArgumentParser
import Foundation
import Logging
import TrawlCore
import TrawlRuntime

/// Options every command that opens the store shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The embedded store (a SQLite file; one file holds many jobs and runs).")
    var db: String = ProcessInfo.processInfo.environment["TRAWL_DB"] ?? "trawl.db"

    @Flag(name: .shortAndLong, help: "More log output on stderr (-v info, -vv debug).")
    var verbose: Int

    var logLevel: Logger.Level {
        switch verbose {
        case 0: .warning
        case 1: .info
        default: .debug
        }
    }

    /// Opens the runtime on this store, logging to stderr.
    func runtime() throws -> TrawlRuntime {
        ProcessTuning.apply()
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        do {
            return try TrawlRuntime(configuration: .init(storePath: db), logger: Logger(label: "trawl"))
        } catch {
            throw CLIError(error.message)
        }
    }
}

/// A user-facing failure: printed as `error: …` and exits non-zero.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Job and run IDs as command-line arguments (any UUID spelling).
extension Identifier: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
