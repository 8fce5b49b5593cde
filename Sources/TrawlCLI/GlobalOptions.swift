import ArgumentParser
import Foundation
import Logging
import TrawlCore
import TrawlRuntime

/// Options every command that opens the store shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The store: a SQLite file (the default; one file holds many jobs and runs) or postgres://USER@HOST[:PORT]/DB.",
        discussion: "A PostgreSQL password is read from PGPASSWORD or a password file (PGPASSFILE, ~/.pgpass); "
            + "avoid putting it in the URL, where ps shows it."))
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
    func runtime() async throws -> TrawlRuntime {
        ProcessTuning.apply()
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        do {
            return try await TrawlRuntime.open(configuration: .init(storePath: db), logger: Logger(label: "trawl"))
        } catch {
            throw CLIError(error.description)
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
