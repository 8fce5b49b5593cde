import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// `trawl serve --no-execute` API nodes and `trawl worker` processes on one PostgreSQL database: the API node executes
/// nothing, workers pick runs up and carry them, control sent to the API reaches the worker holding the run, the worker
/// list shows who holds what, and a worker killed with SIGKILL (or stopped with SIGTERM) hands its run on.
@Suite(.serialized, .enabled(if: CrawlHarness.onPostgres))
struct WorkerProcessTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-workers-\(UUID().uuidString)")

    init() throws { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }

    /// An API node and `count` workers, each executing one run at a time and looking for work every 200 ms.
    func cluster(_ database: PostgresTestDatabase, workers count: Int) async throws -> WorkerCluster {
        try await WorkerCluster.start(database, workers: count,
                                      workerArguments: ["--max-concurrent-runs", "1", "--pickup-interval", "0.2"],
                                      logs: directory)
    }

    /// The ID of the process holding `runID`, as the worker list says.
    func holder(of runID: String, _ cluster: WorkerCluster) async throws -> String? {
        try await cluster.listed().first { ($0.value["runs"] as? [String])?.contains(runID) == true }?.key
    }

    static func status(_ run: [String: Any]) -> String? { run["status"] as? String }

    @Test func theAPINodeExecutesNothingAndWorkersCarryAndListTheRuns() async throws {
        // 40 pages: the first run is still crawling when it is stopped.
        let site = try ServerEndToEndTests.slowSite()
        defer { site.stop() }
        let database = try await PostgresTestDatabase.create()
        let cluster = try await cluster(database, workers: 2)
        let (api, workers) = (cluster.api, cluster.workers)
        defer { cluster.stop() }

        // Two runs, one per worker (each takes one at a time).
        var runIDs: [String] = []
        for name in ["first", "second"] {
            let created = try await api.request("POST", "/v1/jobs?create_run=true",
                                                body: ServerEndToEndTests.job(site, name: name))
            #expect(created.status == 201, "\(created.text)")
            runIDs.append(try #require((created.json["run"] as? [String: Any])?["id"] as? String))
        }
        for runID in runIDs { _ = try await api.waitForRun(runID) { ServerEndToEndTests.fetched($0) >= 1 } }

        // Three processes listed and live; each worker holds one run, the API node none.
        let listed: [String: [String: Any]] = try await waitUntil("each worker to hold one run", within: .seconds(10),
                                                                   every: .milliseconds(50)) {
            try await cluster.listed()
        } until: { (list: [String: [String: Any]]) in list.values.filter { ($0["runs"] as? [String])?.count == 1 }.count == 2 }
        #expect(listed.count == 3)
        #expect(listed.values.allSatisfy { $0["status"] as? String == "live" })
        #expect(listed.values.map { $0["role"] as? String ?? "" }.sorted() == ["api", "worker", "worker"])
        let apiEntry = try #require(listed.values.first { $0["role"] as? String == "api" })
        #expect((apiEntry["runs"] as? [String]) == [] && apiEntry["max_concurrent_runs"] as? Int == 0)
        #expect(Set(listed.values.flatMap { $0["runs"] as? [String] ?? [] }) == Set(runIDs))
        let workerIDs: [String] = listed.filter { $0.value["role"] as? String == "worker" }.map { $0.key }

        // The CLI reads the same list from the store.
        let printed = try await TrawlBinary.run(["workers", "list", "--db", database.url])
        #expect(printed.status == 0, "\(printed.stderr)")
        for id in listed.keys { #expect(printed.stdout.contains(id), "\(printed.stdout)") }
        #expect(printed.stdout.split(separator: "\n").filter { $0.contains(" live ") }.count == 3, "\(printed.stdout)")

        // A worker serves probes and metrics only, with its own name on every crawl series.
        let worker = workers[0]
        #expect(try await worker.request("GET", "/healthz").status == 200)
        #expect(try await worker.request("GET", "/v1/jobs").status == 404)
        let metrics = try await worker.request("GET", "/metrics").text
        let named = try #require(workerIDs.first { metrics.contains(#"trawl_worker_info{worker="\#($0)",role="worker"} 1"#) })
        #expect(metrics.contains(#"trawl_pages_fetched_total{worker="\#(named)",status_class="2xx"}"#), "\(metrics)")

        // Pause, resume and stop through the API node reach the worker holding the run within a beat.
        let runID = runIDs[0]
        let pausing = ContinuousClock.now
        let paused = try await api.request("PUT", "/v1/runs/\(runID)/pause")
        #expect(paused.status == 200 && Self.status(paused.json) == "paused", "\(paused.text)")
        #expect(ContinuousClock.now - pausing < .seconds(2))
        let fetchedWhilePaused = ServerEndToEndTests.fetched(try await api.request("GET", "/v1/runs/\(runID)").json)
        let resumed = try await api.request("PUT", "/v1/runs/\(runID)/resume")
        #expect(resumed.status == 200 && Self.status(resumed.json) == "running", "\(resumed.text)")
        // A worker picks the resumed run up (within its pickup interval) and fetches on from where it paused.
        _ = try await api.waitForRun(runID) { ServerEndToEndTests.fetched($0) > fetchedWhilePaused }
        let stopped = try await api.request("PUT", "/v1/runs/\(runID)/stop")
        #expect(stopped.status == 200 && Self.status(stopped.json) == "finished", "\(stopped.text)")
        #expect(stopped.json["stop_reason"] as? String == "manual")

        let other = try await api.waitForRun(runIDs[1]) { Self.status($0) == "finished" }
        #expect(other["stop_reason"] as? String == "max_empty_evaluations")
        #expect(ServerEndToEndTests.fetched(other) == Sites.treeSize(depth: 3, fanout: 3))

        // A worker stopped gracefully leaves the list; the API node and the other worker stay.
        workers[1].stop()
        let remaining = try await cluster.listed()
        let roles = remaining.values.map { $0["role"] as? String ?? "" }.sorted()
        #expect(roles == ["api", "worker"], "\(remaining.keys.sorted())")
        cluster.stop()
        await database.drop()
    }

    @Test func aWorkerKilledMidRunLosesNothingAndAnotherCarriesTheRunOn() async throws {
        let site = try SharedStoreServerTests.slowSite()
        defer { site.stop() }
        let database = try await PostgresTestDatabase.create()
        let cluster = try await cluster(database, workers: 2)
        let api = cluster.api
        defer { cluster.stop() }
        let created = try await api.request("POST", "/v1/jobs?create_run=true",
                                            body: ServerEndToEndTests.job(site, name: "orphan"))
        let runID = try #require((created.json["run"] as? [String: Any])?["id"] as? String)
        _ = try await api.waitForRun(runID) { ServerEndToEndTests.fetched($0) >= 3 }
        let holderID = try #require(try await holder(of: runID, cluster))
        // Each worker logs its name when it starts: that is how the test knows which process to kill.
        let victim = try #require(cluster.worker(named: holderID))
        victim.kill()

        // The killed worker's claim (10 s) runs out; the survivor, looking every 200 ms, takes the run over.
        let finished = try await api.waitForRun(runID, within: .seconds(90)) { Self.status($0) == "finished" }
        #expect(finished["stop_reason"] as? String == "max_empty_evaluations")
        #expect(ServerEndToEndTests.fetched(finished) == Sites.treeSize(depth: SharedStoreServerTests.depth, fanout: 3))
        // What the dead worker had in flight or unwritten is fetched again, nothing more.
        let counts = Dictionary(grouping: site.requests.filter { $0.path != "/robots.txt" }, by: \.target).mapValues(\.count)
        #expect(counts.values.allSatisfy { $0 <= 2 }, "\(counts.filter { $0.value > 1 })")
        let listed = try await cluster.listed()
        #expect(listed[holderID]?["status"] as? String == "lost", "\(listed)")
        #expect(listed.values.filter { $0["status"] as? String == "live" }.count == 2)
        cluster.stop()
        await database.drop()
    }

    @Test func aRunAServerCrawledAloneIsCarriedOnBySharingWorkersWithItsCounters() async throws {
        let site = try SharedStoreServerTests.slowSite()
        defer { site.stop() }
        let database = try await PostgresTestDatabase.create()
        // A server that executes runs itself and does not share them.
        let server = try ServerProcess(db: database.url, log: directory.appendingPathComponent("server.log").path)
        try await server.start()
        defer { server.stop() }
        let created = try await server.request("POST", "/v1/jobs?create_run=true",
                                               body: ServerEndToEndTests.job(site, name: "handed-over"))
        let runID = try #require((created.json["run"] as? [String: Any])?["id"] as? String)
        _ = try await server.waitForRun(runID) { ServerEndToEndTests.fetched($0) >= 3 }
        server.kill()

        // Sharing workers take it over once the server's claim runs out: the lead makes it a shared run, keeping what
        // the server counted, and the run ends with every page, counted once.
        let cluster = try await cluster(database, workers: 2)
        let api = cluster.api
        defer { cluster.stop() }
        let finished = try await api.waitForRun(runID, within: .seconds(90)) { Self.status($0) == "finished" }
        #expect(finished["stop_reason"] as? String == "max_empty_evaluations", "\(finished["error"] ?? "")")
        let pages = Sites.treeSize(depth: SharedStoreServerTests.depth, fanout: 3)
        #expect(ServerEndToEndTests.fetched(finished) == pages, "\(finished["progress"] ?? "")")
        #expect((finished["progress"] as? [String: Any])?["discovered"] as? Int == pages)
        let counts = Dictionary(grouping: site.requests.filter { $0.path != "/robots.txt" }, by: \.target).mapValues(\.count)
        #expect(counts.count == pages && counts.values.allSatisfy { $0 <= 2 }, "\(counts.filter { $0.value > 1 })")
        cluster.stop()
        await database.drop()
    }
}
