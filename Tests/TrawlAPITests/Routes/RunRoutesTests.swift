import Foundation
import Testing
import TrawlCore
@testable import TrawlAPI

@Suite struct RunRoutesTests {
    @Test func createWithEmptyBodyOrChosenID() async throws {
        try await APIHarness().run { client in
            let jobID = try await client.createJob(labels: #"{"team": "search"}"#)
            let created = try await client.send(.post, "/v1/jobs/\(jobID)/runs")
            #expect(created.status == .created)
            #expect(created.json["job_id"] as? String == jobID)
            #expect(created.json["status"] as? String == "running")
            #expect(created.json["labels"] as? [String: String] == ["team": "search"])
            #expect(created.json["progress"] is [String: Any])
            // The pipeline's report: counters, the five steps in order, readiness.
            #expect((created.json["documents"] as? [String: Any])?["parsed"] as? Int == 0)
            #expect((created.json["chunks"] as? [String: Any])?["embedded"] as? Int == 0)
            let steps = created.json["steps"] as? [[String: Any]] ?? []
            #expect(steps.compactMap { $0["name"] as? String } == ["fetch", "parse", "chunk", "embed", "index"])
            #expect(steps.first?["status"] as? String == "running")
            #expect(steps.dropFirst().allSatisfy { $0["status"] as? String == "pending" })
            #expect(created.json["ready_for"] as? [String: Bool] == ["text_search": false, "semantic_search": false])
            #expect(created.json["text_indexed_at"] is NSNull && created.json["semantic_ready_at"] is NSNull)
            for key in ["started_at", "paused_at", "finished_at", "error", "config", "updated_at", "tenant_id"] {
                #expect(created.json[key] != nil, "missing \(key)")
            }

            let emptyObject = try await client.send(.post, "/v1/jobs/\(jobID)/runs", json: "{}")
            #expect(emptyObject.status == .created)

            let id = "9c2b0000-0000-4000-8000-000000000001"
            let chosen = try await client.send(.post, "/v1/jobs/\(jobID)/runs", json: #"{"id": "\#(id)"}"#)
            #expect(chosen.status == .created)
            #expect(chosen.json["id"] as? String == id)
            let again = try await client.send(.post, "/v1/jobs/\(jobID)/runs", json: #"{"id": "\#(id)"}"#)
            #expect(again.status == .conflict)
            #expect(again.errorCode == "conflict")
        }
    }

    @Test func createRejectsBadBodiesAndUnknownJobs() async throws {
        try await APIHarness().run { client in
            let jobID = try await client.createJob()
            let bad = try await client.send(.post, "/v1/jobs/\(jobID)/runs", json: #"{"id": "nope", "name": "x"}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.errorFields == ["name", "id"])
            #expect(bad.errorFieldCodes == ["unknown_field", "invalid_uuid"])

            let missing = try await client.send(.post, "/v1/jobs/\(UUID().uuidString)/runs")
            #expect(missing.status == .notFound)
            let malformed = try await client.send(.post, "/v1/jobs/nope/runs")
            #expect(malformed.status == .notFound)
        }
    }

    @Test func getAndDelete() async throws {
        try await APIHarness().run { client in
            let jobID = try await client.createJob()
            let runID = try await client.createRun(jobID: jobID)
            let fetched = try await client.send(.get, "/v1/runs/\(runID)")
            #expect(fetched.status == .ok)
            #expect(fetched.json["id"] as? String == runID)

            #expect(try await client.send(.delete, "/v1/runs/\(runID)").status == .noContent)
            #expect(try await client.send(.get, "/v1/runs/\(runID)").status == .notFound)
            #expect(try await client.send(.delete, "/v1/runs/\(runID)").status == .notFound)
            #expect(try await client.send(.get, "/v1/runs/not-a-uuid").status == .notFound)
            // The job survives its run.
            #expect(try await client.send(.get, "/v1/jobs/\(jobID)").status == .ok)
        }
    }

    @Test func jobRunsListsOnlyThatJob() async throws {
        try await APIHarness().run { client in
            let a = try await client.createJob(name: "a")
            let b = try await client.createJob(name: "b")
            let a1 = try await client.createRun(jobID: a)
            _ = try await client.createRun(jobID: b)
            let a2 = try await client.createRun(jobID: a)
            let list = try await client.send(.get, "/v1/jobs/\(a)/runs")
            #expect(list.status == .ok)
            #expect(list.ids == [a2, a1])
            #expect(try await client.send(.get, "/v1/jobs/\(UUID().uuidString)/runs").status == .notFound)
            #expect(try await client.send(.get, "/v1/jobs/nope/runs").status == .notFound)
        }
    }

    @Test func transitionsLegalIdempotentAndImpossible() async throws {
        try await APIHarness().run { client in
            let runID = try await client.createRun(jobID: try await client.createJob())

            let paused = try await client.send(.put, "/v1/runs/\(runID)/pause")
            #expect(paused.status == .ok)
            #expect(paused.json["status"] as? String == "paused")
            #expect(paused.json["paused_at"] is String)

            let pausedAgain = try await client.send(.put, "/v1/runs/\(runID)/pause")
            #expect(pausedAgain.status == .ok)
            #expect(pausedAgain.body == paused.body)

            let resumed = try await client.send(.put, "/v1/runs/\(runID)/resume")
            #expect(resumed.json["status"] as? String == "running")
            #expect(resumed.json["paused_at"] is NSNull)
            let resumedAgain = try await client.send(.put, "/v1/runs/\(runID)/resume")
            #expect(resumedAgain.status == .ok)
            #expect(resumedAgain.body == resumed.body)

            let stopped = try await client.send(.put, "/v1/runs/\(runID)/stop")
            #expect(stopped.json["status"] as? String == "finished")
            #expect(stopped.json["stop_reason"] as? String == "manual")
            #expect(stopped.json["finished_at"] is String)
            let stoppedAgain = try await client.send(.put, "/v1/runs/\(runID)/stop")
            #expect(stoppedAgain.status == .ok)
            #expect(stoppedAgain.body == stopped.body)

            for verb in ["pause", "resume"] {
                let impossible = try await client.send(.put, "/v1/runs/\(runID)/\(verb)")
                #expect(impossible.status == .conflict)
                #expect(impossible.errorCode == "invalid_state")
            }
        }
    }

    @Test func controlOfUnknownRunsIsNotFound() async throws {
        try await APIHarness().run { client in
            for verb in ["pause", "resume", "stop"] {
                let unknown = try await client.send(.put, "/v1/runs/\(UUID().uuidString)/\(verb)")
                let malformed = try await client.send(.put, "/v1/runs/nope/\(verb)")
                #expect(unknown.status == .notFound)
                #expect(malformed.status == .notFound)
            }
        }
    }
}
