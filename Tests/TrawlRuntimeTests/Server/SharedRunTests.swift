import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// One run crawled by several `trawl worker` processes at once on PostgreSQL, each leasing origins: every page is
/// fetched once, per-host limits hold across workers, `max_urls` is exact, pause and stop reach every worker within a
/// second, and a worker killed with SIGKILL loses nothing.
@Suite(.serialized, .enabled(if: CrawlHarness.onPostgres))
struct SharedRunTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-shared-run-\(UUID().uuidString)")

    init() throws { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }

    /// An API node and `count` workers, each looking for runs to lead or join every 200 ms.
    func cluster(_ database: PostgresTestDatabase, workers count: Int) async throws -> WorkerCluster {
        try await WorkerCluster.start(database, workers: count, workerArguments: ["--pickup-interval", "0.2", "-v"],
                                      logs: directory)
    }

    static func job(_ site: MultiOriginSite, name: String, maxURLs: Int? = nil) -> [String: Any] {
        var stopping: [[String: Any]] = [["kind": "max_empty_evaluations", "params": ["max_empty_evaluations": 3]]]
        if let maxURLs { stopping.append(["kind": "max_urls", "params": ["max_urls": maxURLs]]) }
        return [
            "name": name,
            "config": [
                "seeds": [["kind": "static_list", "params": ["urls": [site.seed]]]],
                // One request per origin at a time: a second worker on an origin would show as two at once.
                "speed": ["kind": "fixed", "params": ["concurrency": 4, "per_host_concurrency": 1, "delay": "0s",
                                                      "delay_factor": 0]],
                "stopping_criteria": stopping,
                // Text indexing only: the model's CPU belongs to the model tests.
                "pipelines": [["kind": "markdown"], ["kind": "chunk"]],
            ],
        ]
    }

    func create(_ api: ServerProcess, _ body: [String: Any]) async throws -> String {
        let created = try await api.request("POST", "/v1/jobs?create_run=true", body: body)
        #expect(created.status == 201, "\(created.text)")
        return try #require((created.json["run"] as? [String: Any])?["id"] as? String)
    }

    /// Origins each worker leases in `runID` now, by worker ID.
    func leases(_ cluster: WorkerCluster, _ runID: String) async throws -> [String: [String]] {
        try await cluster.listed().compactMapValues { worker in
            let parts = (worker["parts"] as? [[String: Any]] ?? []).filter { $0["run_id"] as? String == runID }
            let origins = parts.flatMap { $0["origins"] as? [String] ?? [] }
            return origins.isEmpty ? nil : origins
        }
    }

    static func status(_ run: [String: Any]) -> String? { run["status"] as? String }
    static func progress(_ run: [String: Any], _ name: String) -> Int { (run["progress"] as? [String: Any])?[name] as? Int ?? -1 }

    @Test func threeWorkersFetchEveryPageOnceWithEachOriginOnOneWorkerAtATime() async throws {
        // Eight origins of 80 pages at 40 ms each: a part leases four at most (concurrency 4, one request per host), so
        // the run is spread over parts, and takes seconds (long enough for the others to join on a loaded machine).
        let site = try MultiOriginSite(origins: 8, pagesPerOrigin: 80, latency: .milliseconds(40))
        defer { site.stop() }
        let database = try await PostgresTestDatabase.create()
        let cluster = try await cluster(database, workers: 3)
        let api = cluster.api
        defer { cluster.stop() }
        let runID = try await create(api, Self.job(site, name: "spread"))

        // Several workers hold origins of the one run at once, and no origin is held by two.
        let spread = try await waitUntil("two workers to lease origins of the run", within: .seconds(30),
                                         every: .milliseconds(50)) {
            try await leases(cluster, runID)
        } until: { $0.count >= 2 }
        let held = spread.values.flatMap { $0 }
        #expect(Set(held).count == held.count, "\(spread)")

        let finished = try await api.waitForRun(runID, within: .seconds(90), every: .milliseconds(50)) { Self.status($0) == "finished" }
        #expect(finished["stop_reason"] as? String == "max_empty_evaluations", "\(finished["error"] ?? "")")
        #expect(Self.progress(finished, "fetched") == site.pageCount, "\(finished["progress"] ?? "")")
        #expect(Self.progress(finished, "processed") == site.pageCount)
        #expect(Self.progress(finished, "discovered") == site.pageCount, "\(finished["progress"] ?? "")")
        #expect(Self.progress(finished, "queued") == 0 && Self.progress(finished, "in_flight") == 0)
        #expect(site.pageRequests.count == site.pageCount)
        #expect(site.pageRequests.values.allSatisfy { $0 == 1 }, "\(site.pageRequests.filter { $0.value > 1 })")
        #expect(site.highestConcurrency.allSatisfy { $0 == 1 }, "\(site.highestConcurrency)")
        // Every page is in the run's frontier as fetched, once.
        var fetchedLinks = 0, cursor: String?
        repeat {
            let page = try await api.request("GET", "/v1/runs/\(runID)/links?per_page=100&states=fetched"
                + (cursor.map { "&page=\($0)" } ?? "")).json
            fetchedLinks += (page["data"] as? [Any])?.count ?? 0
            cursor = page["next_page"] as? String
        } while cursor != nil
        #expect(fetchedLinks == site.pageCount)
        // The lead's pipeline took in every page, whichever part wrote it and in whatever order their batches committed.
        let indexed = try await api.waitForRun(runID, within: .seconds(60), every: .milliseconds(100)) {
            $0["text_indexed_at"] is String
        }
        let documents = try #require(indexed["documents"] as? [String: Any])
        let parsed = documents["parsed"] as? Int ?? -1, skipped = documents["skipped"] as? Int ?? -1
        let failed = documents["failed"] as? Int ?? -1
        #expect(parsed + skipped + failed == site.pageCount, "\(documents)")
        cluster.stop()
        await database.drop()
    }

    @Test func maxURLsIsExactAcrossWorkers() async throws {
        let site = try MultiOriginSite(origins: 6, pagesPerOrigin: 15, latency: .milliseconds(10))
        defer { site.stop() }
        let database = try await PostgresTestDatabase.create()
        let cluster = try await cluster(database, workers: 3)
        let api = cluster.api
        defer { cluster.stop() }
        let runID = try await create(api, Self.job(site, name: "bounded", maxURLs: 37))
        let finished = try await api.waitForRun(runID, within: .seconds(90), every: .milliseconds(50)) { Self.status($0) == "finished" }
        #expect(finished["stop_reason"] as? String == "max_urls", "\(finished)")
        #expect(Self.progress(finished, "processed") == 37, "\(finished)")
        #expect(site.totalPageRequests == 37, "\(site.pageRequests)")
        cluster.stop()
        await database.drop()
    }

    @Test func pauseResumeAndStopReachEveryWorkerWithinASecond() async throws {
        // 600 pages an origin at 80 ms, one request at a time: 48 s an origin at least, so the run is still crawling
        // when it is paused, resumed and stopped, however slowly the workers get going on a loaded machine.
        let site = try MultiOriginSite(origins: 6, pagesPerOrigin: 600, latency: .milliseconds(80))
        defer { site.stop() }
        let database = try await PostgresTestDatabase.create()
        let cluster = try await cluster(database, workers: 3)
        let api = cluster.api
        defer { cluster.stop() }
        let runID = try await create(api, Self.job(site, name: "steered"))
        _ = try await waitUntil("two workers to lease origins of the run", within: .seconds(30), every: .milliseconds(50)) {
            try await leases(cluster, runID)
        } until: { $0.count >= 2 }

        let paused = try await api.request("PUT", "/v1/runs/\(runID)/pause")
        #expect(paused.status == 200 && Self.status(paused.json) == "paused", "\(paused.text)")
        // Within a second every worker has stopped sending (what was on the wire then may still finish).
        try await Task.sleep(for: .milliseconds(1_200))
        let afterPause = site.totalPageRequests
        try await Task.sleep(for: .seconds(1))
        #expect(site.totalPageRequests == afterPause, "requests went on after the pause")
        #expect(try await leases(cluster, runID).isEmpty, "a paused run keeps no origin leased")

        let resumed = try await api.request("PUT", "/v1/runs/\(runID)/resume")
        #expect(resumed.status == 200 && Self.status(resumed.json) == "running", "\(resumed.text)")
        _ = try await waitUntil("requests to start again", within: .seconds(20), every: .milliseconds(50)) {
            site.totalPageRequests
        } until: { $0 > afterPause + 5 }

        let stopped = try await api.request("PUT", "/v1/runs/\(runID)/stop")
        #expect(stopped.status == 200 && Self.status(stopped.json) == "finished", "\(stopped.text)")
        #expect(stopped.json["stop_reason"] as? String == "manual")
        try await Task.sleep(for: .milliseconds(1_200))
        let afterStop = site.totalPageRequests
        try await Task.sleep(for: .seconds(1))
        #expect(site.totalPageRequests == afterStop, "requests went on after the stop")
        #expect(site.totalPageRequests < site.pageCount)
        // Nothing fetched twice across the pause, the resume and three workers, but what was on the wire at the pause.
        #expect(site.pageRequests.values.filter { $0 > 1 }.count <= 12, "\(site.pageRequests.filter { $0.value > 1 })")
        cluster.stop()
        await database.drop()
    }

    @Test func aWorkerKilledMidRunLosesNothing() async throws {
        let site = try MultiOriginSite(origins: 6, pagesPerOrigin: 60, latency: .milliseconds(50))
        defer { site.stop() }
        let database = try await PostgresTestDatabase.create()
        let cluster = try await cluster(database, workers: 3)
        let api = cluster.api
        defer { cluster.stop() }
        let runID = try await create(api, Self.job(site, name: "survivor"))
        let spread = try await waitUntil("two workers to lease origins of the run", within: .seconds(30),
                                         every: .milliseconds(50)) {
            try await leases(cluster, runID)
        } until: { $0.count >= 2 }
        // Kill a worker holding origins (not necessarily the lead).
        let victimID = try #require(spread.keys.sorted().first)
        let victim = try #require(cluster.worker(named: victimID))
        victim.kill()

        let finished = try await api.waitForRun(runID, within: .seconds(120), every: .milliseconds(50)) { Self.status($0) == "finished" }
        #expect(finished["stop_reason"] as? String == "max_empty_evaluations", "\(finished)")
        #expect(Self.progress(finished, "fetched") == site.pageCount, "\(finished)")
        #expect(site.pageRequests.count == site.pageCount, "every page was fetched")
        // Refetched: only what the dead worker had on the wire or not yet written (a batch at most, per origin held).
        let twice = site.pageRequests.filter { $0.value > 1 }
        #expect(twice.count <= 12 && twice.values.allSatisfy { $0 == 2 }, "\(twice)")
        cluster.stop()
        await database.drop()
    }
}
