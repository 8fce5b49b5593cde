import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// Two `trawl serve` processes on one PostgreSQL database, as behind a load balancer: either answers for every job,
/// run and trigger; a run executes in one of them only; control sent to either reaches it; a trigger fires once; and
/// when the process executing a run is killed, the other carries it on.
@Suite(.serialized, .enabled(if: CrawlHarness.onPostgres))
struct SharedStoreServerTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-shared-\(UUID().uuidString)")

    init() throws { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }

    func servers(_ database: PostgresTestDatabase) async throws -> (ServerProcess, ServerProcess) {
        let first = try ServerProcess(db: database.url, log: directory.appendingPathComponent("first.log").path)
        let second = try ServerProcess(db: database.url, log: directory.appendingPathComponent("second.log").path)
        try await first.start()
        try await second.start()
        return (first, second)
    }

    static func status(_ run: [String: Any]) -> String? { run["status"] as? String }

    /// A site slow enough to steer (64-byte chunks every 20 ms) and small enough to finish in seconds.
    static let depth = 2
    static func slowSite() throws -> FixtureServer {
        try FixtureServer(handler: { request in
            var response = Sites.tree(depth: depth, fanout: 3)(request)
            response.behavior = .drip(bytesPerChunk: 64, interval: .milliseconds(20))
            return response
        })
    }

    @Test func controlSentToEitherServerReachesTheRunWhereverItExecutes() async throws {
        let site = try Self.slowSite()
        defer { site.stop() }
        let database = try await PostgresTestDatabase.create()
        let (first, second) = try await servers(database)
        defer { first.stop(); second.stop() }

        let created = try await first.request("POST", "/v1/jobs?create_run=true",
                                              body: ServerEndToEndTests.job(site, name: "shared"))
        #expect(created.status == 201)
        let jobID = try #require(created.json["id"] as? String)
        let runID = try #require((created.json["run"] as? [String: Any])?["id"] as? String)
        // The second server knows the job and the run the first one created.
        #expect(try await second.request("GET", "/v1/jobs/\(jobID)").status == 200)
        _ = try await second.waitForRun(runID) { ServerEndToEndTests.fetched($0) >= 2 }

        // Paused through the server that does not execute it: the executing one hears it within a beat.
        let pausing = ContinuousClock.now
        let paused = try await second.request("PUT", "/v1/runs/\(runID)/pause")
        let pauseTook = ContinuousClock.now - pausing
        #expect(paused.status == 200 && Self.status(paused.json) == "paused", "\(paused.text)")
        #expect(pauseTook < .seconds(2), "pausing from the other server took \(pauseTook)")
        let fetchedWhilePaused = ServerEndToEndTests.fetched(try await first.request("GET", "/v1/runs/\(runID)").json)

        // Resumed through the second server, it executes there now; stopped through the first, it stops there.
        let resumed = try await second.request("PUT", "/v1/runs/\(runID)/resume")
        #expect(resumed.status == 200 && Self.status(resumed.json) == "running", "\(resumed.text)")
        _ = try await first.waitForRun(runID) { ServerEndToEndTests.fetched($0) > fetchedWhilePaused }
        let stopping = ContinuousClock.now
        let stopped = try await first.request("PUT", "/v1/runs/\(runID)/stop")
        let stopTook = ContinuousClock.now - stopping
        #expect(stopped.status == 200 && Self.status(stopped.json) == "finished", "\(stopped.text)")
        #expect(stopped.json["stop_reason"] as? String == "manual")
        #expect(stopTook < .seconds(2), "stopping from the other server took \(stopTook)")

        // One process at a time fetched: the only page fetched twice can be the one in flight when the run paused
        // (a pause hands in-flight URLs back to the queue, as it does in one process).
        let counts = Dictionary(grouping: site.requests.filter { $0.path != "/robots.txt" }, by: \.target).mapValues(\.count)
        #expect(counts.values.filter { $0 > 1 }.count <= 1 && counts.values.allSatisfy { $0 <= 2 }, "\(counts.filter { $0.value > 1 })")
        // Servers first: a server whose database is gone spends a minute retrying before it exits.
        first.stop()
        second.stop()
        await database.drop()
    }

    @Test func aTriggerFiresOnceHoweverManyServersRun() async throws {
        let site = try FixtureServer(handler: Sites.tree(depth: 1, fanout: 2))
        defer { site.stop() }
        let database = try await PostgresTestDatabase.create()
        let (first, second) = try await servers(database)
        defer { first.stop(); second.stop() }
        let created = try await first.request("POST", "/v1/jobs", body: ServerEndToEndTests.job(site, name: "ticking"))
        let jobID = try #require(created.json["id"] as? String)
        let trigger = try await second.request("POST", "/v1/jobs/\(jobID)/triggers", body: [
            "name": "every second", "condition": ["kind": "schedule", "params": ["expression": "* * * * * ?"]],
        ])
        #expect(trigger.status == 201, "\(trigger.text)")
        let triggerID = try #require(trigger.json["id"] as? String)
        // Both schedulers see every tick: let a few pass.
        try await Task.sleep(for: .seconds(4))
        #expect(try await first.request("PUT", "/v1/triggers/\(triggerID)/disable").status == 200)
        try await Task.sleep(for: .milliseconds(500))

        let executions = try await first.request("GET", "/v1/triggers/\(triggerID)/executions?per_page=100")
            .json["data"] as? [[String: Any]] ?? []
        let ticks = executions.compactMap { $0["scheduled_for"] as? String }
        #expect(ticks.count >= 2, "\(executions)")
        #expect(Set(ticks).count == ticks.count, "a tick was recorded twice: \(ticks)")
        let runs = try await second.request("GET", "/v1/jobs/\(jobID)/runs?per_page=100").json["data"] as? [[String: Any]] ?? []
        let started = executions.filter { $0["status"] as? String == "started" }.compactMap { $0["run_id"] as? String }
        // One run per started tick, and no run that no execution accounts for.
        #expect(Set(started).count == started.count)
        #expect(Set(runs.compactMap { $0["id"] as? String }) == Set(started), "runs \(runs.count), started \(started.count)")
        // Servers first: a server whose database is gone spends a minute retrying before it exits.
        first.stop()
        second.stop()
        await database.drop()
    }

    @Test func whenTheExecutingServerIsKilledTheOtherCarriesTheRunOn() async throws {
        let site = try Self.slowSite()
        defer { site.stop() }
        let database = try await PostgresTestDatabase.create()
        let (first, second) = try await servers(database)
        defer { second.stop() }
        let created = try await first.request("POST", "/v1/jobs?create_run=true",
                                              body: ServerEndToEndTests.job(site, name: "orphan"))
        let runID = try #require((created.json["run"] as? [String: Any])?["id"] as? String)
        _ = try await second.waitForRun(runID) { ServerEndToEndTests.fetched($0) >= 3 }
        first.kill()
        // The dead process's lease (10 s) runs out, and the survivor's sweep (every 5 s) picks the run up.
        let finished = try await second.waitForRun(runID, within: .seconds(90)) { Self.status($0) == "finished" }
        #expect(finished["stop_reason"] as? String == "max_empty_evaluations")
        #expect(ServerEndToEndTests.fetched(finished) == Sites.treeSize(depth: Self.depth, fanout: 3))
        let counts = Dictionary(grouping: site.requests.filter { $0.path != "/robots.txt" }, by: \.target).mapValues(\.count)
        #expect(counts.values.allSatisfy { $0 <= 2 })
        // Servers first: a server whose database is gone spends a minute retrying before it exits.
        first.stop()
        second.stop()
        await database.drop()
    }
}
