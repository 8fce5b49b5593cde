import Foundation
import Testing
import TrawlTestSupport

/// Hostile and malformed requests against a real `trawl serve` and its real store: every answer is a success or a
/// 4xx carrying the error envelope (code and message), never a 5xx, a dropped connection or a crash, and the server
/// answers its health check afterwards.
@Suite struct ServerFuzzTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-fuzz-\(UUID().uuidString)")

    /// One request as bytes on the wire.
    struct Probe: Sendable, CustomStringConvertible {
        var method: String
        var target: String
        var headers: [(String, String)]
        var body: [UInt8]

        var description: String {
            "\(method) \(target.prefix(120)) headers=\(headers.map { "\($0.0): \($0.1.prefix(40))" }) body=\(String(decoding: body.prefix(120), as: UTF8.self))"
        }

        var bytes: [UInt8] {
            var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            for (name, value) in headers { head += "\(name): \(value)\r\n" }
            head += "Content-Length: \(body.count)\r\n\r\n"
            return Array(head.utf8) + body
        }
    }

    /// Builds probes from a fixed seed, so a failure names a request that can be sent again.
    struct ProbeMaker {
        var random: SeededRandom
        let ids: [String]

        mutating func pick<T>(_ choices: [T]) -> T { choices[Int(random.next() % UInt64(choices.count))] }
        mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

        mutating func id() -> String {
            pick(ids + ["00000000-0000-0000-0000-000000000000", "not-a-uuid", "%zz", "..%2F..%2Fetc", "%C3%A9",
                        String(repeating: "a", count: 3_000), "-1", "0"])
        }

        mutating func path() -> String {
            let job = id(), run = id(), trigger = id()
            return pick([
                "/v1/jobs", "/v1/jobs", "/v1/jobs", "/v1/jobs/\(job)", "/v1/jobs/\(job)/runs", "/v1/jobs/\(job)/triggers", "/v1/runs",
                "/v1/runs/\(run)", "/v1/runs/\(run)/pause", "/v1/runs/\(run)/resume", "/v1/runs/\(run)/stop",
                "/v1/runs/\(run)/logs", "/v1/runs/\(run)/links", "/v1/runs/\(run)/edges", "/v1/runs/\(run)/documents",
                "/v1/triggers", "/v1/triggers/\(trigger)", "/v1/triggers/\(trigger)/enable",
                "/v1/triggers/\(trigger)/disable", "/v1/triggers/\(trigger)/executions", "/v1/search", "/v1/nothing",
                "/v1/runs/\(run)/pause/extra", "//v1//runs", "/v1/jobs?%", "/healthz",
            ])
        }

        mutating func query() -> String {
            let names = ["page", "per_page", "statuses", "stop_reasons", "labels[team]", "labels[", "labels[]", "labels",
                         "created_before", "created_after", "job_ids", "include_ids", "exclude_ids", "names", "q", "mode",
                         "limit", "steps", "hosts", "error_reasons", "states", "create_run", "status", "%zz", ""]
            let values = ["", "1", "-1", "0", "100", "101", "99999999999999999999", "abc", "%zz", "%00", "running",
                          "finished,manual,,", "2026-13-45T99:99:99Z", "2026-01-01T00:00:00Z", "true", "hybrid",
                          "a%20b", String(repeating: "x", count: 2_000), "\(UUID())", "eyJhIjoxfQ", "%FF%FE"]
            let count = Int(random.next() % 5)
            guard count > 0 else { return "" }
            return "?" + (0..<count).map { _ in "\(pick(names))=\(pick(values))" }.joined(separator: "&")
        }

        mutating func body() -> [UInt8] {
            let seeds = #"{"seeds": [{"kind": "static_list", "params": {"urls": ["http://127.0.0.1:9/"]}}]}"#
            let texts = [
                "", "{", "}", "[]", "null", "0", "\"text\"", "{\"name\": 5}", "{\"name\": \"\"}",
                #"{"name": "j", "config": \#(seeds)}"#, #"{"name": "j", "config": \#(seeds)}"#,
                #"{"name": "j", "config": \#(seeds)}"#,
                #"{"name": "j", "config": \#(seeds), "labels": {"a": 1}}"#,
                #"{"name": "j", "config": {"seeds": []}}"#,
                #"{"name": "j", "config": {"seeds": [{"kind": "nope"}]}, "id": "x"}"#,
                #"{"name": "j", "config": "seeds"}"#,
                #"{"name": "t", "condition": {"kind": "schedule", "params": {"expression": "61 * * * *"}}}"#,
                #"{"name": "t", "condition": {"kind": "schedule", "params": {"expression": "* * * * *"}}}"#,
                #"{"name": "t", "condition": {"kind": "on_finish", "params": {"delay": "-5s"}}}"#,
                #"{"id": "00000000-0000-0000-0000-000000000000"}"#,
                String(repeating: "[", count: 100_000),
                "{\"name\": \"" + String(repeating: "n", count: 300_000) + "\"}",
                "{\"name\": \"" + String(repeating: "n", count: 1_500_000) + "\"}",
                "{\"name\": \"\\ud800\"}",
            ]
            if chance(5) { return [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D] }  // invalid UTF-8
            return Array(pick(texts).utf8)
        }

        /// A request an endpoint accepts, then (two times in three) one part of it made wrong: what reaches the
        /// deeper checks that wild requests rarely get past.
        mutating func nearlyValid() -> Probe {
            let job = pick(ids), run = pick(ids.reversed())
            let jobBody = #"{"name": "n", "labels": {"team": "x"}, "config": {"seeds": [{"kind": "static_list", "params": {"urls": ["http://127.0.0.1:9/"]}}]}}"#
            let triggerBody = #"{"name": "t", "condition": {"kind": "schedule", "params": {"expression": "0 0 1 1 *"}}}"#
            var (method, path, query, body): (String, String, String, String) = pick([
                ("POST", "/v1/jobs", "", jobBody), ("POST", "/v1/jobs", "?create_run=true", jobBody),
                ("PUT", "/v1/jobs/\(job)", "", jobBody), ("POST", "/v1/jobs/\(job)/runs", "", "{}"),
                ("POST", "/v1/jobs/\(job)/triggers", "", triggerBody), ("GET", "/v1/jobs", "?per_page=5", ""),
                ("GET", "/v1/runs", "?statuses=running,finished&labels[team]=x", ""), ("GET", "/v1/runs/\(run)", "", ""),
                ("GET", "/v1/jobs/\(job)/runs", "?per_page=2", ""), ("GET", "/v1/runs/\(run)/logs", "?steps=fetch", ""),
                ("GET", "/v1/runs/\(run)/links", "", ""), ("GET", "/v1/runs/\(run)/edges", "", ""),
                ("GET", "/v1/runs/\(run)/documents", "", ""), ("GET", "/v1/triggers", "", ""),
                ("GET", "/v1/search", "?q=page&mode=text", ""), ("PUT", "/v1/runs/\(run)/pause", "", ""),
                ("PUT", "/v1/runs/\(run)/resume", "", ""), ("PUT", "/v1/runs/\(run)/stop", "", ""),
            ])
            var headers = [("Content-Type", "application/json"), ("X-Tenant-Id", "acme")]
            switch random.next() % 6 {
            case 0: query = self.query()
            case 1: body = String(decoding: self.body(), as: UTF8.self)
            case 2: headers = [("X-Tenant-Id", pick(["", "a b", String(repeating: "t", count: 65)]))]
            case 3: path = path.replacingOccurrences(of: job, with: id()).replacingOccurrences(of: run, with: id())
            default: break
            }
            if method == "GET" { body = "" }
            return Probe(method: method, target: path + query, headers: headers, body: Array(body.utf8))
        }

        mutating func probe() -> Probe {
            var headers: [(String, String)] = []
            if chance(80) {
                headers.append(("Content-Type", pick(["application/json", "application/json", "application/json",
                                                      "text/plain", "application/json; charset=utf-8", "", ";"])))
            }
            if chance(60) {
                headers.append(("X-Tenant-Id", pick(["acme", "acme", "acme", "other", "", String(repeating: "t", count: 300), "a b"])))
            }
            if chance(10) { headers.append(("Authorization", pick(["Bearer nope", "Basic x", ""]))) }
            let method = pick(["GET", "GET", "GET", "GET", "POST", "POST", "POST", "PUT", "PUT", "DELETE", "PATCH", "OPTIONS"])
            return Probe(method: method, target: path() + query(), headers: headers,
                         body: method == "GET" && !chance(20) ? [] : body())
        }
    }

    @Test func malformedRequestsGetClearErrorsAndTheServerStaysUp() async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // No private networks: the jobs' 127.0.0.1 seeds are refused, so nothing is fetched at all.
        let server = try ServerProcess(db: directory.appendingPathComponent("fuzz.db").path, arguments: [])
        try await server.start()
        defer { server.stop() }
        let job = try await server.request("POST", "/v1/jobs?create_run=true", body: [
            "name": "real", "config": ["seeds": [["kind": "static_list", "params": ["urls": ["http://127.0.0.1:9/"]]]]],
        ], tenant: "acme")
        let jobID = try #require(job.json["id"] as? String)
        let runID = try #require((job.json["run"] as? [String: Any])?["id"] as? String)
        var maker = ProbeMaker(random: SeededRandom(seed: 0x7A41_5EED), ids: [jobID, runID])
        let port = server.port
        var answered: [Int: Int] = [:]
        var codes: [String: Int] = [:]
        for index in 0..<500 {
            let probe = index % 2 == 0 ? maker.probe() : maker.nearlyValid()
            let response: RawHTTPClient.Response
            do {
                response = try await OwnThread.run {
                    let client = try RawHTTPClient(port: port, timeout: .seconds(30))
                    try client.send(probe.bytes)
                    return try client.readResponse()
                }
            } catch {
                Issue.record("probe \(index): \(probe) got no answer: \(error)\nserver log:\n\(server.logTail)")
                break
            }
            answered[response.status, default: 0] += 1
            #expect(response.status < 500, "probe \(index): \(probe) answered \(response.status)")
            if response.status >= 400 {
                let envelope = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
                let error = envelope?["error"] as? [String: Any]
                codes[error?["code"] as? String ?? "none", default: 0] += 1
                #expect(error?["code"] is String && error?["message"] is String,
                        "probe \(index): \(probe) answered \(response.status) \(String(decoding: response.body.prefix(200), as: UTF8.self))")
            }
        }
        // Not blind: the probes reached successes and each kind of refusal.
        print("fuzz answers by status: \(answered.sorted { $0.key < $1.key }), errors by code: \(codes.sorted { $0.key < $1.key })")
        #expect(Set(answered.keys).isSuperset(of: [200, 201, 400, 404, 405, 409, 422]), "\(answered)")
        #expect(try await server.request("GET", "/healthz").status == 200)
        // And still serves its store (the probes may have deleted the first run: they may do what a client may).
        #expect(try await server.request("GET", "/v1/runs?per_page=100", tenant: "acme").status == 200)
    }
}
