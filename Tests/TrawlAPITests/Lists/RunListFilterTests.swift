import Foundation
import Testing
import TrawlCore
@testable import TrawlAPI

@Suite struct RunListFilterTests {
    /// Two jobs with different labels; four runs in every status and two stop reasons.
    private struct Fixture {
        var jobA = "", jobB = ""
        var running = "", paused = "", manual = "", maxURLs = ""
    }

    private func seed(_ client: APIClient, _ service: InMemoryCrawlService) async throws -> Fixture {
        var f = Fixture()
        f.jobA = try await client.createJob(name: "a", labels: #"{"team": "search", "env": "prod"}"#)
        f.jobB = try await client.createJob(name: "b", labels: #"{"team": "search", "env": "dev"}"#)
        f.running = try await client.createRun(jobID: f.jobA)
        f.paused = try await client.createRun(jobID: f.jobA)
        _ = try await client.send(.put, "/v1/runs/\(f.paused)/pause")
        f.manual = try await client.createRun(jobID: f.jobB)
        _ = try await client.send(.put, "/v1/runs/\(f.manual)/stop")
        f.maxURLs = try await client.createRun(jobID: f.jobB)
        try await service.finish(try #require(RunID(f.maxURLs)), reason: .maxURLs)
        return f
    }

    @Test func everyFilter() async throws {
        let harness = APIHarness()
        try await harness.run { client in
            let f = try await seed(client, harness.service)
            func ids(_ query: String) async throws -> [String] {
                let response = try await client.send(.get, "/v1/runs?\(query)")
                #expect(response.status == .ok, "\(query): \(response.text)")
                return response.ids
            }
            #expect(try await ids("") == [f.maxURLs, f.manual, f.paused, f.running])
            #expect(try await ids("job_ids=\(f.jobA)") == [f.paused, f.running])
            #expect(try await ids("job_ids=\(f.jobA),\(f.jobB)").count == 4)
            #expect(try await ids("include_ids[]=\(f.running)&include_ids[]=\(f.manual)") == [f.manual, f.running])
            #expect(try await ids("exclude_ids=\(f.running)&exclude_ids=\(f.manual)") == [f.maxURLs, f.paused])
            #expect(try await ids("statuses=finished") == [f.maxURLs, f.manual])
            #expect(try await ids("statuses[]=running&statuses[]=paused") == [f.paused, f.running])
            #expect(try await ids("statuses=running&statuses=paused") == [f.paused, f.running])
            #expect(try await ids("statuses=running,paused") == [f.paused, f.running])
            #expect(try await ids("stop_reasons=max_urls") == [f.maxURLs])
            #expect(try await ids("stop_reasons=manual,max_depth") == [f.manual])
            #expect(try await ids("labels[env]=prod") == [f.paused, f.running])
            #expect(try await ids("labels[team]=search&labels[env]=dev") == [f.maxURLs, f.manual])
            #expect(try await ids("labels%5Benv%5D=dev&statuses=finished&stop_reasons=manual") == [f.manual])
            #expect(try await ids("labels[team]=other").isEmpty)
        }
    }

    @Test func createdBeforeAndAfterAcceptAnyRFC3339Form() async throws {
        let harness = APIHarness()
        try await harness.run { client in
            let f = try await seed(client, harness.service)
            let paused = try await client.send(.get, "/v1/runs/\(f.paused)")
            let createdAt = try #require(paused.json["created_at"] as? String)
            let date = try #require(Timestamp.parse(createdAt))
            let before = try await client.send(.get, "/v1/runs?created_before=\(createdAt)")
            #expect(before.ids == [f.running])
            let after = try await client.send(.get, "/v1/runs?created_after=\(createdAt)")
            #expect(after.ids == [f.maxURLs, f.manual])
            // The same instant with a numeric offset (the `+` sent unencoded) and without fractional seconds.
            let offset = Self.format(date, offsetHours: 2)
            #expect(try await client.send(.get, "/v1/runs?created_after=\(offset)").ids == [f.maxURLs, f.manual])
            let encoded = offset.replacingOccurrences(of: "+", with: "%2B")
            #expect(try await client.send(.get, "/v1/runs?created_before=\(encoded)").ids == [f.running])
        }
    }

    @Test func everyBadParameterIsListedInOne422() async throws {
        try await APIHarness().run { client in
            let response = try await client.send(
                .get, "/v1/runs?statuses=bogus&job_ids=nope&include_ids=x&stop_reasons=tired&created_before=yesterday&created_after=2026-13-01&per_page=0&labels=x"
            )
            #expect(response.status == .unprocessableContent)
            #expect(response.errorCode == "validation_failed")
            #expect(Set(response.errorFields) == ["statuses", "job_ids", "include_ids", "stop_reasons", "created_before", "created_after", "per_page", "labels"])
            let fields = try #require(response.error["fields"] as? [[String: Any]])
            let statuses = try #require(fields.first { $0["field"] as? String == "statuses" })
            #expect(statuses["code"] as? String == "invalid_value")
            #expect((statuses["message"] as? String)?.contains("pending, running, paused, finished") == true)
            let jobIDs = try #require(fields.first { $0["field"] as? String == "job_ids" })
            #expect(jobIDs["code"] as? String == "invalid_uuid")
        }
    }

    /// Each label filter is a clause in the store's query: a thousand of them failed as a 500 (SQLite's expression depth).
    @Test func tooManyLabelFiltersAreA422() async throws {
        try await APIHarness().run { client in
            let filters = (0...64).map { "labels[k\($0)]=v" }.joined(separator: "&")
            for path in ["/v1/runs", "/v1/jobs"] {
                let response = try await client.send(.get, "\(path)?\(filters)")
                #expect(response.status == .unprocessableContent, "\(path)")
                #expect(response.errorFields == ["labels"], "\(path)")
            }
            let allowed = (0..<64).map { "labels[k\($0)]=v" }.joined(separator: "&")
            #expect(try await client.send(.get, "/v1/runs?\(allowed)").status == .ok)
        }
    }

    @Test func jobRunsEndpointTakesTheSameFiltersButNotJobIDs() async throws {
        let harness = APIHarness()
        try await harness.run { client in
            let f = try await seed(client, harness.service)
            let response = try await client.send(.get, "/v1/jobs/\(f.jobB)/runs?statuses=finished&stop_reasons=manual")
            #expect(response.ids == [f.manual])
            // job_ids is no parameter here (the path already names the job): refused, not silently ignored.
            let refused = try await client.send(.get, "/v1/jobs/\(f.jobA)/runs?job_ids=\(f.jobB)")
            #expect(refused.status == .unprocessableContent)
            let fields = try #require((refused.json["error"] as? [String: Any])?["fields"] as? [[String: Any]])
            #expect(fields.map { $0["field"] as? String } == ["job_ids"])
            #expect(fields.first?["code"] as? String == "unknown_parameter")
        }
    }

    /// Each list value becomes an SQL variable and each problem a line of the 422: a query string that fits the head's
    /// 80 KiB could carry 40,000 of either (past SQLite's 32,766 variables: a 500; or a 422 of megabytes).
    @Test func listsAndProblemsAreBounded() async throws {
        let harness = APIHarness()
        try await harness.run { client in
            let f = try await seed(client, harness.service)
            // Repeats are one value, and count towards the 100 a list may give (as the OpenAPI document's maxItems).
            let repeated = Array(repeating: f.running, count: 100).joined(separator: ",")
            let same = try await client.send(.get, "/v1/runs?include_ids=\(repeated)")
            #expect(same.status == .ok && same.ids == [f.running])
            let tooMany = try await client.send(.get, "/v1/runs?include_ids=\(repeated),\(f.running)")
            #expect(tooMany.status == .unprocessableContent)
            // More than 100 values: one problem, not a query.
            let many = (0..<101).map { _ in UUID().uuidString.lowercased() }.joined(separator: ",")
            let refused = try await client.send(.get, "/v1/runs?include_ids=\(many)")
            #expect(refused.status == .unprocessableContent)
            let fields = try #require(refused.error["fields"] as? [[String: Any]])
            #expect(fields.count == 1 && fields.first?["field"] as? String == "include_ids", "\(fields)")
            // Thousands of problems: the first 50 are listed.
            let unknown = (0..<2_000).map { "p\($0)=1" }.joined(separator: "&")
            let noisy = try await client.send(.get, "/v1/runs?\(unknown)")
            #expect(noisy.status == .unprocessableContent)
            #expect((noisy.error["fields"] as? [[String: Any]])?.count == 50)
        }
    }

    private static func format(_ date: Date, offsetHours: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: offsetHours * 3600)
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssxxx"
        return formatter.string(from: date)
    }
}
