import Foundation
import TrawlTestSupport

/// An API node (`trawl serve --no-execute`) and `trawl worker` processes on one PostgreSQL test database, each logging
/// into a directory of the test's.
struct WorkerCluster {
    let api: ServerProcess
    let workers: [ServerProcess]

    /// Starts the API node, then `count` workers with `workerArguments` (besides port and store).
    static func start(_ database: PostgresTestDatabase, workers count: Int, workerArguments: [String],
                      logs directory: URL) async throws -> WorkerCluster {
        let api = try ServerProcess(db: database.url, arguments: ["--allow-private-networks", "--no-execute"],
                                    log: directory.appendingPathComponent("api.log").path)
        try await api.start()
        var workers: [ServerProcess] = []
        for index in 0..<count {
            let worker = try ServerProcess(db: database.url, arguments: ["--allow-private-networks"] + workerArguments,
                                           log: directory.appendingPathComponent("worker-\(index).log").path,
                                           command: "worker")
            try await worker.start()
            workers.append(worker)
        }
        return WorkerCluster(api: api, workers: workers)
    }

    /// The worker named `id` in the worker list: each worker logs its name when it starts.
    func worker(named id: String) -> ServerProcess? {
        workers.first { (try? String(contentsOfFile: $0.logPath, encoding: .utf8))?.contains(id) == true }
    }

    /// The worker list as the API node shows it, by worker ID.
    func listed() async throws -> [String: [String: Any]] {
        let list = try await api.request("GET", "/v1/workers?per_page=100").json["data"] as? [[String: Any]] ?? []
        return Dictionary(list.map { ($0["id"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// SIGTERM to every process (those killed already are skipped).
    func stop() {
        api.stop()
        workers.forEach { $0.stop() }
    }
}

extension ServerProcess {
    /// Polls run `runID` until `condition` holds and returns it.
    func waitForRun(_ runID: String, within: Duration = .seconds(60), every pause: Duration = .milliseconds(20),
                    _ condition: @escaping ([String: Any]) -> Bool) async throws -> [String: Any] {
        try await waitUntil("run \(runID) to reach the expected state", within: within, every: pause) {
            try await request("GET", "/v1/runs/\(runID)").json
        } until: { condition($0) }
    }
}
