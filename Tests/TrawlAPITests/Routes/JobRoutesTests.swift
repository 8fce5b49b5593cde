import Foundation
import HTTPTypes
import Testing
import TrawlCore
@testable import TrawlAPI

@Suite struct JobRoutesTests {
    @Test func createReadAndList() async throws {
        try await APIHarness().run { client in
            let created = try await client.send(.post, "/v1/jobs", json: APIHarness.jobBody(name: "docs", labels: #"{"team": "search"}"#))
            #expect(created.status == .created)
            let id = try #require(created.json["id"] as? String)
            #expect(created.json["tenant_id"] as? String == "default")
            #expect(created.json["name"] as? String == "docs")
            #expect(created.json["labels"] as? [String: String] == ["team": "search"])
            // The resolved config: defaults filled in.
            let config = try #require(created.json["config"] as? [String: Any])
            #expect(config["stopping_criteria"] != nil)
            #expect(created.json["run"] == nil)

            let fetched = try await client.send(.get, "/v1/jobs/\(id)")
            #expect(fetched.status == .ok)
            #expect(fetched.json["id"] as? String == id)
            #expect(fetched.json["created_at"] as? String == created.json["created_at"] as? String)

            let list = try await client.send(.get, "/v1/jobs")
            #expect(list.ids == [id])
            #expect(list.json["next_page"] is NSNull)
        }
    }

    @Test func clientChosenIDAndConflict() async throws {
        try await APIHarness().run { client in
            let id = "3f1a0000-0000-4000-8000-000000000001"
            let first = try await client.send(.post, "/v1/jobs", json: APIHarness.jobBody(id: id.uppercased()))
            #expect(first.status == .created)
            #expect(first.json["id"] as? String == id)
            let second = try await client.send(.post, "/v1/jobs", json: APIHarness.jobBody(id: id))
            #expect(second.status == .conflict)
            #expect(second.errorCode == "conflict")
        }
    }

    @Test func createRunStartsTheFirstRun() async throws {
        try await APIHarness().run { client in
            let response = try await client.send(.post, "/v1/jobs?create_run=true", json: APIHarness.jobBody())
            #expect(response.status == .created)
            let run = try #require(response.json["run"] as? [String: Any])
            #expect(run["job_id"] as? String == response.json["id"] as? String)
            #expect(run["status"] as? String == "running")
            #expect(run["stop_reason"] is NSNull)

            let runs = try await client.send(.get, "/v1/runs")
            #expect(runs.ids == [try #require(run["id"] as? String)])

            let bad = try await client.send(.post, "/v1/jobs?create_run=maybe", json: APIHarness.jobBody())
            #expect(bad.status == .unprocessableContent)
            #expect(bad.errorFields == ["create_run"])
        }
    }

    @Test func replaceAndDelete() async throws {
        try await APIHarness().run { client in
            let id = try await client.createJob(name: "old")
            let runID = try await client.createRun(jobID: id)
            let replaced = try await client.send(.put, "/v1/jobs/\(id)", json: #"{"name": "new", "labels": {"env": "prod"}, "config": \#(APIHarness.config)}"#)
            #expect(replaced.status == .ok)
            #expect(replaced.json["name"] as? String == "new")
            #expect(replaced.json["labels"] as? [String: String] == ["env": "prod"])

            // PUT takes no id: the path names the job.
            let withID = try await client.send(.put, "/v1/jobs/\(id)", json: APIHarness.jobBody(id: id))
            #expect(withID.status == .unprocessableContent)
            #expect(withID.errorFields == ["id"])
            #expect(withID.errorFieldCodes == ["unknown_field"])

            let deleted = try await client.send(.delete, "/v1/jobs/\(id)")
            #expect(deleted.status == .noContent)
            #expect(deleted.body.isEmpty)
            #expect(try await client.send(.get, "/v1/jobs/\(id)").status == .notFound)
            #expect(try await client.send(.get, "/v1/runs/\(runID)").status == .notFound)
            #expect(try await client.send(.delete, "/v1/jobs/\(id)").status == .notFound)
        }
    }

    @Test func everyBodyProblemIsListedAtOnce() async throws {
        try await APIHarness().run { client in
            let body = #"{"name": "", "labels": {"team": 1, "env": ""}, "config": {"seeds": "nope", "bogus": 1}, "extra": true}"#
            let response = try await client.send(.post, "/v1/jobs", json: body)
            #expect(response.status == .unprocessableContent)
            #expect(response.errorCode == "validation_failed")
            let fields = Set(response.errorFields)
            #expect(fields.isSuperset(of: ["extra", "name", "labels.team", "labels.env"]))
            #expect(fields.contains { $0.hasPrefix("config.seeds") })
            // The unknown config key is reported by the manifest reader too, in the same response.
            #expect(response.errorFields.filter { $0.hasPrefix("config") }.count >= 2)
        }
    }

    /// A body of a thousand bad fields is answered with the first 50, and a count of the rest: the answer to a
    /// megabyte of problems must not be larger still.
    @Test func aBodyOfManyProblemsListsTheFirst50() async throws {
        try await APIHarness().run { client in
            let extras = (0..<1_000).map { "\"extra\($0)\": true" }.joined(separator: ", ")
            let body = #"{"name": "docs", "config": {"seeds": [{"kind": "static_list", "params": {"urls": ["https://a.example/"]}}]}, "# + extras + "}"
            let response = try await client.send(.post, "/v1/jobs", json: body)
            #expect(response.status == .unprocessableContent && response.errorFields.count == 50)
            #expect((response.error["message"] as? String)?.contains("(and 999 more)") == true)
        }
    }

    /// Every run copies its job's labels, and a job's labels can be list filters (`exclusive` by labels): bounded.
    @Test func aJobHasAtMost64Labels() async throws {
        try await APIHarness().run { client in
            let labels = (0...64).map { "\"k\($0)\": \"v\"" }.joined(separator: ", ")
            let response = try await client.send(.post, "/v1/jobs", json: APIHarness.jobBody(name: "docs", labels: "{\(labels)}"))
            #expect(response.status == .unprocessableContent)
            #expect(response.errorFields == ["labels"])
        }
    }

    @Test func missingAndMistypedFields() async throws {
        try await APIHarness().run { client in
            let missing = try await client.send(.post, "/v1/jobs", json: "{}")
            #expect(Set(missing.errorFields) == ["name", "config"])
            #expect(Set(missing.errorFieldCodes) == ["required"])

            let mistyped = try await client.send(.post, "/v1/jobs", json: #"{"id": "x", "name": 3, "labels": [], "config": []}"#)
            #expect(mistyped.errorFields == ["id", "name", "labels", "config"])
            #expect(mistyped.errorFieldCodes == ["invalid_uuid", "invalid_type", "invalid_type", "invalid_type"])

            let long = try await client.send(.post, "/v1/jobs", json: APIHarness.jobBody(name: String(repeating: "n", count: 201)))
            #expect(long.errorFieldCodes == ["too_long"])
            // Lengths count scalars: one letter carrying thousands of combining marks is one Character, not one of 200.
            let stacked = "n" + String(repeating: "\u{301}", count: 5_000)
            let combined = try await client.send(.post, "/v1/jobs", json: APIHarness.jobBody(name: stacked))
            #expect(combined.errorFieldCodes == ["too_long"])
            let label = try await client.send(.post, "/v1/jobs", json: APIHarness.jobBody(name: "n", labels: #"{"k": "\#(stacked)"}"#))
            #expect(label.status == .unprocessableContent, "\(label.text)")

            let notObject = try await client.send(.post, "/v1/jobs", json: "[1]")
            #expect(notObject.status == .unprocessableContent)
            #expect(notObject.errorFieldCodes == ["invalid_type"])

            let empty = try await client.send(.post, "/v1/jobs")
            #expect(empty.status == .badRequest)
            #expect(empty.errorCode == "bad_request")
        }
    }

    @Test func serviceConfigValidationBecomesFieldPaths() async throws {
        try await APIHarness().run { client in
            let config = #"{"seeds": [{"kind": "static_list", "params": {"urls": ["https://example.com/"]}}], "stopping_criteria": [{"kind": "max_urls", "params": {"max_urls": "many"}}]}"#
            let response = try await client.send(.post, "/v1/jobs", json: #"{"name": "x", "config": \#(config)}"#)
            #expect(response.status == .unprocessableContent)
            #expect(response.errorFields.contains { $0.hasPrefix("config.stopping_criteria[0]") })
            #expect(Set(response.errorFieldCodes) == ["invalid"])
        }
    }

    @Test func malformedPathIDIsNotFound() async throws {
        try await APIHarness().run { client in
            for method: HTTPRequest.Method in [.get, .put, .delete] {
                let response = try await client.send(method, "/v1/jobs/not-a-uuid", json: method == .put ? APIHarness.jobBody() : nil)
                #expect(response.status == .notFound)
                #expect(response.errorCode == "not_found")
            }
        }
    }
}
