import ArgumentParser
import Foundation
import TrawlAPI
import TrawlCore
import TrawlRuntime

/// `trawl runs list|show`: read runs from the store.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "List and inspect runs in the store.",
        subcommands: [List.self, Show.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List runs, most recent first.")
        @Option(help: "How many runs to show.") var limit: Int = 20
        @Option(help: "The tenant whose runs to list.") var tenant: String = "default"
        @Flag(help: "Print a JSON list of run objects.") var json = false
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 10000") }
        }

        func run() async throws {
            let runtime = try await store.runtime()
            var query = RunQuery(tenantID: tenant)
            query.limit = limit
            let runs = try await runtime.store.runs(matching: query)
            if json {
                print("[" + runs.map { RunResource($0).json(pretty: false) }.joined(separator: ",\n") + "]")
                return
            }
            guard !runs.isEmpty else { return print("no runs in \(runtime.storeLocation)") }
            print("ID                                    STATUS    STOP REASON            FETCHED  CREATED")
            for run in runs {
                let reason = (run.stopReason?.rawValue ?? "-").padding(toLength: 22, withPad: " ", startingAt: 0)
                let status = run.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                let fetched = String(run.progress.fetched).padding(toLength: 8, withPad: " ", startingAt: 0)
                print("\(run.id)  \(status) \(reason) \(fetched) \(Timestamp.format(run.createdAt))")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one run.")
        @Argument(help: "The run's ID.") var id: RunID
        @Flag(help: "Print the run object as JSON.") var json = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let runtime = try await store.runtime()
            guard let run = try await runtime.store.run(id) else { throw CLIError("no run \(id) in \(runtime.storeLocation)") }
            print(json ? RunResource(run).json() : Summary(run).text)
        }
    }
}
