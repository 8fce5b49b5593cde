import ArgumentParser
import Foundation
import TrawlCore
import TrawlRuntime

/// `trawl workers list`: the processes sharing the store, as `GET /v1/workers` shows them.
struct WorkersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workers", abstract: "Show the processes (servers, workers) sharing the store.",
        subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the processes sharing the store, most recently started first, with the runs each executes.")
        @Option(help: "The tenant whose runs to show.") var tenant: String = "default"
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let runtime = try await store.runtime()
            let now = Date()
            let lease = runtime.configuration.runClaimLease.seconds
            let workers = try await runtime.store.workers(tenantID: tenant, now: now)
            guard !workers.isEmpty else { return print("no Trawl process has announced itself in \(runtime.storeLocation)") }
            print("WORKER                                         ROLE    STATUS  HEARTBEAT  LISTEN                 RUNS (PARTS)")
            for worker in workers {
                let status = worker.isLive(at: now, lease: lease) ? "live" : "lost"
                let age = String(format: "%.1fs ago", max(0, now.timeIntervalSince(worker.heartbeatAt)))
                // Runs it holds, then its parts of shared runs with the origins each leases.
                let runs = worker.runs.map(\.description) + worker.parts.map {
                    "\($0.runID) (\($0.isLead ? "lead" : "part"), \($0.origins.count) origins)"
                }
                print([pad(worker.id, 46), pad(worker.role.rawValue, 7), pad(status, 7), pad(age, 10),
                       pad(worker.listen ?? "-", 22), runs.isEmpty ? "-" : runs.joined(separator: ", ")]
                    .joined(separator: " "))
            }
        }

        private func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : text.padding(toLength: width, withPad: " ", startingAt: 0)
        }
    }
}
