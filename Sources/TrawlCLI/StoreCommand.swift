import ArgumentParser
import Foundation
import Logging
import TrawlCore
import TrawlRuntime

/// `trawl store copy`: move a whole store to another database.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Work on whole stores.", subcommands: [Copy.self])

    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a SQLite store into an empty PostgreSQL database, keeping every ID.",
            discussion: "Every job, run, frontier, page, log entry, document, chunk (with its vector), trigger and "
                + "trigger execution is copied. Stop every process using the SQLite file first. The database must "
                + "hold no jobs; its schema is created if needed. A PostgreSQL password is read from PGPASSWORD or a "
                + "password file.")

        @Option(help: "The SQLite store to copy: a file path or sqlite:PATH.") var from: String
        @Option(help: "The PostgreSQL database to copy into: postgres://USER@HOST[:PORT]/DB.") var to: String
        @Flag(name: .shortAndLong, help: "More log output on stderr (-v info, -vv debug).") var verbose: Int

        func run() async throws {
            let level: Logger.Level = verbose == 0 ? .warning : verbose == 1 ? .info : .debug
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            do {
                let counts = try await StoreCopy.copy(from: from, to: to, logger: Logger(label: "trawl")) { count in
                    print("\(count.table.name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(count.rows)")
                }
                print("copied \(counts.reduce(0) { $0 + $1.rows }) rows")
            } catch {
                throw CLIError(error.description)
            }
        }
    }
}
