import Foundation
import Testing
import TrawlCore
import TrawlStore
import TrawlTestSupport

/// `trawl serve` as a user runs it: a real process, real HTTP, a fixture site, a crash and a restart.
@Suite(.serialized) struct ServerEndToEndTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-serve-\(UUID().uuidString)")

    init() throws { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }

    static func slowSite() throws -> FixtureServer {
        try FixtureServer(handler: { request in
            var response = Sites.tree(depth: 3, fanout: 3)(request)
            response.behavior = .drip(bytesPerChunk: 64, interval: .milliseconds(20))
            return response
        })
    }

    static func job(_ site: FixtureServer, name: String) -> [String: Any] {
        [
            "name": name, "labels": ["suite": "e2e"],
            "config": [
                "seeds": [["kind": "static_list", "params": ["urls": [site.url("/")]]]],
                "speed": ["kind": "fixed", "params": ["concurrency": 1, "per_host_concurrency": 1, "delay": "50ms"]],
                // Text indexing only: the real model's seconds of CPU belong to the model tests, not these timings.
                "pipelines": [["kind": "markdown"], ["kind": "chunk"]],
            ],
        ]
    }

    /// Polls the run until `condition` holds; asleep between polls without holding one of the few threads that
    /// every other test shares.
    func waitFor(_ server: ServerProcess, _ runID: String, _ condition: ([String: Any]) -> Bool) async throws -> [String: Any] {
        try await waitUntil("run \(runID) to reach the expected state", every: .milliseconds(50)) {
            try await server.request("GET", "/v1/runs/\(runID)").json
        } until: { condition($0) }
    }

    static func fetched(_ run: [String: Any]) -> Int { (run["progress"] as? [String: Any])?["fetched"] as? Int ?? -1 }

    @Test func jobsRunAndAreControlledOverHTTP() async throws {
        let site = try Self.slowSite()
        defer { site.stop() }
        let server = try ServerProcess(db: directory.appendingPathComponent("api.db").path)
        try await server.start()
        defer { server.stop() }

        let created = try await server.request("POST", "/v1/jobs?create_run=true", body: Self.job(site, name: "docs"))
        #expect(created.status == 201)
        let run = try #require(created.json["run"] as? [String: Any])
        let runID = try #require(run["id"] as? String)
        #expect(try await server.request("GET", "/v1/runs/\(runID)", tenant: "other").status == 404)

        _ = try await waitFor(server, runID) { Self.fetched($0) >= 2 }
        let paused = try await server.request("PUT", "/v1/runs/\(runID)/pause")
        #expect(paused.status == 200 && paused.json["status"] as? String == "paused")
        // A paused run keeps its frontier, and the gauge shows what waits in it.
        let waiting = try await server.request("GET", "/metrics").text.split(separator: "\n")
            .first { $0.hasPrefix("trawl_frontier_urls ") }.flatMap { Double($0.split(separator: " ").last ?? "") }
        #expect((waiting ?? 0) > 0, "\(String(describing: waiting))")
        #expect(try await server.request("PUT", "/v1/runs/\(runID)/pause").json["status"] as? String == "paused")
        let resumed = try await server.request("PUT", "/v1/runs/\(runID)/resume")
        #expect(resumed.json["status"] as? String == "running")
        let stopped = try await server.request("PUT", "/v1/runs/\(runID)/stop")
        #expect(stopped.json["status"] as? String == "finished" && stopped.json["stop_reason"] as? String == "manual")
        #expect(try await server.request("PUT", "/v1/runs/\(runID)/pause").status == 409)

        let list = try await server.request("GET", "/v1/runs?statuses=finished&labels[suite]=e2e")
        #expect((list.json["data"] as? [[String: Any]])?.map { $0["id"] as? String } == [runID])

        // What the run saw, and what the process counted.
        let fetches = try await server.request("GET", "/v1/runs/\(runID)/logs?steps=fetch&per_page=100")
        let fetchRows = fetches.json["data"] as? [[String: Any]] ?? []
        #expect(fetchRows.count == Self.fetched(stopped.json))
        #expect(fetchRows.allSatisfy { $0["status"] as? String == "ok" && $0["http_status"] as? Int == 200 })
        #expect(!((try await server.request("GET", "/v1/runs/\(runID)/edges").json["data"] as? [Any]) ?? []).isEmpty)
        let metrics = try await server.request("GET", "/metrics").text
        // Every crawl series carries the process's worker label.
        let fetchedLine = metrics.split(separator: "\n").first {
            $0.hasPrefix(#"trawl_pages_fetched_total{worker=""#) && $0.contains(#",status_class="2xx"} "#)
        }
        #expect(fetchedLine.flatMap { Int($0.split(separator: " ").last ?? "") } == Self.fetched(stopped.json))
        // Runs by status are counted at most once per 5 s, however often scraped: the finish shows within that.
        _ = try await waitUntil("the finished run counted", within: .seconds(15), every: .milliseconds(250),
                                { try await server.request("GET", "/metrics").text },
                                until: { $0.contains(#"trawl_runs{status="finished"} 1"#) })
    }

    @Test func aRunIsExportedOverHTTPAsJSONLAndAsAWARCThatWarcioReads() async throws {
        let site = try FixtureServer(handler: Sites.tree(depth: 2, fanout: 3))
        defer { site.stop() }
        let server = try ServerProcess(db: directory.appendingPathComponent("export.db").path)
        try await server.start()
        defer { server.stop() }
        var job = Self.job(site, name: "export")
        job["config"] = ["seeds": [["kind": "static_list", "params": ["urls": [site.url("/")]]]], "pipelines": [] as [Any]]
        let created = try await server.request("POST", "/v1/jobs?create_run=true", body: job)
        let runID = try #require((created.json["run"] as? [String: Any])?["id"] as? String)
        let run = try await waitFor(server, runID) { $0["status"] as? String == "finished" }
        let fetched = Self.fetched(run)
        #expect(fetched == 13)

        let jsonl = try await server.request("GET", "/v1/runs/\(runID)/export?format=jsonl")
        #expect(jsonl.status == 200)
        let lines = jsonl.text.split(separator: "\n")
        #expect(lines.count == fetched)
        let urls = Set(lines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["url"] as? String
        })
        #expect(urls.count == fetched && urls.contains(site.url("/")))

        let warc = try await server.request("GET", "/v1/runs/\(runID)/export?format=warc")
        #expect(warc.status == 200)
        let path = directory.appendingPathComponent("export.warc.gz").path
        try warc.data.write(to: URL(fileURLWithPath: path))
        let check = try await WarcioCheck.run(path)
        #expect(check.status == 0 && check.output.contains("\(fetched) response"), "\(check.output)")

        // Another tenant's run is not found, and an unknown format is a clear error; neither streams anything.
        #expect(try await server.request("GET", "/v1/runs/\(runID)/export", tenant: "other").status == 404)
        let unknown = try await server.request("GET", "/v1/runs/\(runID)/export?format=pdf")
        #expect(unknown.status == 422 && unknown.json["error"] != nil)
    }

    @Test func byDefaultJobsMayNotFetchPrivateAddressesUnlessTheConfigurationAllowsIt() async throws {
        let site = try FixtureServer(site: FixtureSite(["/": .html("<a href=/missing>gone</a>")]))
        defer { site.stop() }
        func crawl(_ server: ServerProcess) async throws -> (run: [String: Any], errors: [String]) {
            var body = Self.job(site, name: "private")
            var config = body["config"] as? [String: Any] ?? [:]
            // The second seed's port is closed: a connect failure for the metrics.
            config["seeds"] = [["kind": "static_list", "params": ["urls": [site.url("/"), "http://127.0.0.1:1/"]]]]
            config["fetcher"] = ["kind": "http", "params": ["max_retries": 0, "connect_timeout": "2s"]]
            config["policies"] = [["kind": "robots_txt", "params": ["obey": false]]]
            body["config"] = config
            let created = try await server.request("POST", "/v1/jobs?create_run=true", body: body)
            let runID = try #require((created.json["run"] as? [String: Any])?["id"] as? String, "\(created.text)")
            let run = try await waitFor(server, runID) { $0["status"] as? String == "finished" }
            let logs = try await server.request("GET", "/v1/runs/\(runID)/logs?per_page=100")
            let reasons = (logs.json["data"] as? [[String: Any]] ?? []).compactMap { $0["error_reason"] as? String }
            return (run, reasons)
        }

        // No flag, no configuration: the fixture site on 127.0.0.1 is never contacted.
        let strict = try ServerProcess(db: directory.appendingPathComponent("strict.db").path, arguments: [])
        try await strict.start()
        let refused = try await crawl(strict)
        strict.stop()
        #expect(Self.fetched(refused.run) == 0)
        #expect(!refused.errors.isEmpty && refused.errors.allSatisfy { $0 == "blocked_address" }, "\(refused.errors)")
        #expect(site.requests.isEmpty)

        // The configuration file's key allows it (flags and environment variables being absent).
        let file = directory.appendingPathComponent("server.yaml")
        try "allow_private_networks: true\ndefault_tenant: default\n".write(to: file, atomically: true, encoding: .utf8)
        let allowed = try ServerProcess(db: directory.appendingPathComponent("allowed.db").path,
                                        arguments: ["--config", file.path])
        try await allowed.start()
        defer { allowed.stop() }
        let crawled = try await crawl(allowed)
        #expect(Self.fetched(crawled.run) == 2)  // the page and its 404
        #expect(crawled.errors.contains("connect"), "\(crawled.errors)")
        let metrics = try await allowed.request("GET", "/metrics").text
        #expect(metrics.contains(#",kind="connect"} 1"#), "\(metrics)")
        #expect(metrics.contains(#",status_class="4xx"} 1"#))
    }

    @Test func startingCriteriaRefuseASecondRunAndTriggersFire() async throws {
        let site = try Self.slowSite()
        defer { site.stop() }
        let server = try ServerProcess(db: directory.appendingPathComponent("exclusive.db").path)
        try await server.start()
        defer { server.stop() }
        var body = Self.job(site, name: "exclusive")
        var config = body["config"] as? [String: Any] ?? [:]
        config["starting_criteria"] = [["kind": "exclusive", "params": ["by": "job_id", "limit": 1]]]
        body["config"] = config
        let created = try await server.request("POST", "/v1/jobs?create_run=true", body: body)
        #expect(created.status == 201)
        let jobID = try #require(created.json["id"] as? String)
        let second = try await server.request("POST", "/v1/jobs/\(jobID)/runs")
        #expect(second.status == 409)
        #expect(((second.json["error"] as? [String: Any])?["message"] as? String)?.contains("exclusive") == true)

        let trigger = try await server.request("POST", "/v1/jobs/\(jobID)/triggers", body: [
            "name": "every second", "condition": ["kind": "schedule", "params": ["expression": "* * * * * ?"]],
        ])
        #expect(trigger.status == 201)
        let triggerID = try #require(trigger.json["id"] as? String)
        var executions: [[String: Any]] = []
        for _ in 0..<60 where executions.isEmpty {
            try await Task.sleep(for: .milliseconds(100))
            executions = try await server.request("GET", "/v1/triggers/\(triggerID)/executions").json["data"] as? [[String: Any]] ?? []
        }
        #expect(executions.first?["status"] as? String == "skipped")
        #expect(try await server.request("PUT", "/v1/triggers/\(triggerID)/disable").json["enabled"] as? Bool == false)
    }

    @Test func aKilledServerResumesItsRunsOnRestart() async throws {
        let site = try Self.slowSite()
        let other = try Self.slowSite()
        defer { site.stop(); other.stop() }
        let server = try ServerProcess(db: directory.appendingPathComponent("crash.db").path)
        try await server.start()
        let running = try #require(try await server.request("POST", "/v1/jobs?create_run=true", body: Self.job(site, name: "a")).json["run"]
                                       as? [String: Any])["id"] as! String
        let paused = try #require(try await server.request("POST", "/v1/jobs?create_run=true", body: Self.job(other, name: "b")).json["run"]
                                      as? [String: Any])["id"] as! String
        _ = try await waitFor(server, paused) { Self.fetched($0) >= 1 }
        _ = try await server.request("PUT", "/v1/runs/\(paused)/pause")
        _ = try await waitFor(server, running) { Self.fetched($0) >= 3 }
        server.kill()
        // What the crash can cost: pages fetched but not yet written (a write every 250 ms, so on a loaded machine
        // more than the one in flight). Every page written before the kill must not be fetched again.
        let requested = site.requests.filter { $0.path != "/robots.txt" }.count
        let runningID = try #require(RunID(running))
        let written = try #require(try await SQLiteStore(path: server.db).run(runningID)).progress.fetched

        try await server.start()
        defer { server.stop() }
        let finished = try await waitFor(server, running) { $0["status"] as? String == "finished" }
        #expect(finished["stop_reason"] as? String == "max_empty_evaluations")
        #expect(Self.fetched(finished) == Sites.treeSize(depth: 3, fanout: 3))
        #expect(try await server.request("GET", "/v1/runs/\(paused)").json["status"] as? String == "paused")
        let counts = Dictionary(grouping: site.requests.filter { $0.path != "/robots.txt" }, by: \.target).mapValues(\.count)
        #expect(written >= 1)
        #expect(counts.values.filter { $0 > 1 }.count <= requested - written)
        #expect(counts.values.allSatisfy { $0 <= 2 })
    }
}

extension ServerEndToEndTests {
    @Test func theServedOpenAPIDocumentIsValidOpenAPI31() async throws {
        let server = try ServerProcess(db: directory.appendingPathComponent("openapi.db").path)
        try await server.start()
        defer { server.stop() }
        let path = directory.appendingPathComponent("openapi.json").path
        let document = try await server.request("GET", "/.well-known/openapi.json")
        #expect(document.status == 200)
        try Data(document.text.utf8).write(to: URL(fileURLWithPath: path))
        let (status, output) = try await OwnThread.run {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c",
                                 "import json, sys; from openapi_spec_validator import validate; validate(json.load(open(sys.argv[1])))",
                                 path]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, output)
        }
        #expect(status == 0, "openapi-spec-validator (installed by scripts/test) rejected it: \(output)")
    }

    /// The guards as an attacker meets them on the wire: paths spelled with empty segments, a bodiless POST as a
    /// form on another site would send it, and a rebound host name.
    @Test func theGuardsHoldOnTheWire() async throws {
        let keyed = try ServerProcess(db: directory.appendingPathComponent("keyed.db").path,
                                      arguments: ["--api-key", "keyA:tenantA"])
        try await keyed.start()
        defer { keyed.stop() }
        let keyedPort = keyed.port
        let statuses = try await OwnThread.run { () throws -> [Int] in
            try ["//v1/jobs", "///v1/jobs", "/v1//jobs"].map { path in
                let client = try RawHTTPClient(port: keyedPort)
                try client.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                return try client.readResponse().status
            }
        }
        #expect(statuses == [401, 401, 401])

        let open = try ServerProcess(db: directory.appendingPathComponent("open.db").path)
        try await open.start()
        defer { open.stop() }
        let openPort = open.port
        let (forged, rebound, own) = try await OwnThread.run { () throws -> (Int, Int, Int) in
            func exchange(_ request: String) throws -> Int {
                let client = try RawHTTPClient(port: openPort)
                try client.send(request)
                return try client.readResponse().status
            }
            let form = "POST /v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\n{}"
            return (try exchange(form),
                    try exchange("GET /v1/jobs HTTP/1.1\r\nHost: evil.example:\(openPort)\r\nConnection: close\r\n\r\n"),
                    try exchange("GET /v1/jobs HTTP/1.1\r\nHost: localhost:\(openPort)\r\nConnection: close\r\n\r\n"))
        }
        #expect(forged == 415)
        #expect(rebound == 421)
        #expect(own == 200)
    }

    /// Slowloris: connections that send half a request head are closed after the idle timeout, the connection cap
    /// keeps them from taking every descriptor, and a body sent too slowly is answered 408.
    @Test func halfSentRequestsAreClosedAndCapped() async throws {
        let config = directory.appendingPathComponent("slow.yaml")
        try "idle_timeout: 1s\nbody_timeout: 1s\nmax_connections: 16\n".write(to: config, atomically: true, encoding: .utf8)
        let server = try ServerProcess(db: directory.appendingPathComponent("slow.db").path,
                                       arguments: ["--config", config.path])
        try await server.start()
        defer { server.stop() }
        let port = server.port
        let outcome = try await OwnThread.run { () throws -> (endings: [RawHTTPClient.Ending], waited: Duration, status: Int, slowBody: Int) in
            let clock = ContinuousClock()
            // Sixteen half-sent heads fill the cap.
            let stalled = try (0..<16).map { _ in
                let client = try RawHTTPClient(port: port, timeout: .seconds(5))
                try client.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                return client
            }
            // A seventeenth client waits in the backlog until the idle timeout frees a slot.
            let started = clock.now
            let probe = try RawHTTPClient(port: port, timeout: .seconds(5))
            try probe.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            let status = try probe.readResponse().status
            let waited = clock.now - started
            let endings = stalled.map { $0.readToEnd().ending }
            // A body sent a byte at a time: never idle, never finished.
            let slow = try RawHTTPClient(port: port, timeout: .seconds(5))
            try slow.send("POST /v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{")
            for _ in 0..<6 {
                Thread.sleep(forTimeInterval: 0.3)
                try? slow.send(" ")
            }
            return (endings, waited, status, try slow.readResponse().status)
        }
        #expect(outcome.endings.allSatisfy { $0 == .closed }, "\(outcome.endings)")
        #expect(outcome.status == 200)
        #expect(outcome.waited < .seconds(4), "the cap freed slots only as the idle timeout closed connections")
        #expect(outcome.slowBody == 408)
    }

    /// Requests the HTTP parser refuses never reach a route, yet get the error envelope like every other refusal: an
    /// overlong request line or header set (431) and bytes that are not HTTP (400). The server goes on serving.
    @Test func requestsTheParserRefusesGetTheErrorEnvelope() async throws {
        let server = try ServerProcess(db: directory.appendingPathComponent("parser.db").path)
        try await server.start()
        defer { server.stop() }
        let port = server.port
        let heads = [
            "GET /v1/jobs?q=\(String(repeating: "a", count: 100_000)) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            "GET /v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: \(String(repeating: "b", count: 90_000))\r\n\r\n",
            "GET /v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n",
            "\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}\u{00}\u{01}\u{fc}\u{03}\u{03}\r\n\r\n",
        ]
        let answers = try await OwnThread.run { () throws -> [(RawHTTPClient.Response, RawHTTPClient.Ending)] in
            try heads.map { head in
                let client = try RawHTTPClient(port: port, timeout: .seconds(5))
                try client.send(head)
                return (try client.readResponse(), client.readToEnd().ending)
            }
        }
        for ((response, ending), (status, code)) in zip(answers, [(431, "request_header_fields_too_large"),
                                                                  (431, "request_header_fields_too_large"),
                                                                  (400, "bad_request"), (400, "bad_request")]) {
            #expect(response.status == status)
            #expect(response.header("Content-Type") == "application/json")
            let body = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
            let error = try #require(body?["error"] as? [String: Any], "\(String(decoding: response.body, as: UTF8.self))")
            #expect(error["code"] as? String == code && error["status"] as? Int == status)
            #expect((error["message"] as? String)?.isEmpty == false)
            #expect(ending == .closed, "the connection stays open after a refused request")
        }
        #expect(try await server.request("GET", "/healthz").status == 200)
    }
}
