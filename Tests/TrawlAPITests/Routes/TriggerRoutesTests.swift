import Foundation
import Testing
import TrawlCore
@testable import TrawlAPI

@Suite struct TriggerRoutesTests {
    static let nightly = #"{"name": "nightly", "condition": {"kind": "schedule", "params": {"expression": "0 3 * * *"}}}"#

    @Test func createReadEnableDisableDelete() async throws {
        try await APIHarness().run { client in
            let jobID = try await client.createJob()
            let created = try await client.send(.post, "/v1/jobs/\(jobID)/triggers", json: Self.nightly)
            #expect(created.status == .created)
            #expect(created.json["job_id"] as? String == jobID)
            #expect(created.json["enabled"] as? Bool == true)
            #expect((created.json["next_fire_at"] as? String)?.hasSuffix("T03:00:00.000Z") == true)
            #expect(created.json["last_fired_at"] is NSNull)
            let condition = created.json["condition"] as? [String: Any]
            #expect(condition?["kind"] as? String == "schedule")
            #expect((condition?["params"] as? [String: Any])?["expression"] as? String == "0 3 * * *")
            let id = try #require(created.json["id"] as? String)

            #expect(try await client.send(.get, "/v1/triggers/\(id)").json["name"] as? String == "nightly")
            let disabled = try await client.send(.put, "/v1/triggers/\(id)/disable")
            #expect(disabled.status == .ok)
            #expect(disabled.json["enabled"] as? Bool == false)
            #expect(disabled.json["next_fire_at"] is NSNull)
            // Already disabled: unchanged, still 200.
            #expect(try await client.send(.put, "/v1/triggers/\(id)/disable").json["enabled"] as? Bool == false)
            let enabled = try await client.send(.put, "/v1/triggers/\(id)/enable")
            #expect(enabled.json["enabled"] as? Bool == true)
            #expect(enabled.json["next_fire_at"] is String)
            #expect(try await client.send(.post, "/v1/triggers/\(id)/enable").status == .methodNotAllowed)

            #expect(try await client.send(.delete, "/v1/triggers/\(id)").status == .noContent)
            #expect(try await client.send(.get, "/v1/triggers/\(id)").status == .notFound)
            #expect(try await client.send(.delete, "/v1/triggers/\(id)").status == .notFound)
            #expect(try await client.send(.get, "/v1/triggers/not-a-uuid").status == .notFound)
        }
    }

    @Test func onFinishWithDelayAndDisabledAtCreation() async throws {
        try await APIHarness().run { client in
            let jobID = try await client.createJob()
            let created = try await client.send(.post, "/v1/jobs/\(jobID)/triggers", json: """
                {"name": "again", "enabled": false, "condition": {"kind": "on_finish", "params": {"delay": "90s"}}}
                """)
            #expect(created.status == .created)
            #expect(created.json["enabled"] as? Bool == false)
            let condition = created.json["condition"] as? [String: Any]
            #expect((condition?["params"] as? [String: Any])?["delay"] as? String == "1m30s")
        }
    }

    @Test func badBodiesListEveryProblem() async throws {
        try await APIHarness().run { client in
            let jobID = try await client.createJob()
            let bad = try await client.send(.post, "/v1/jobs/\(jobID)/triggers", json: """
                {"name": "", "enabled": "yes", "when": 1, "condition": {"kind": "schedule", "params": {"expression": "* * *"}}}
                """)
            #expect(bad.status == .unprocessableContent)
            #expect(Set(bad.errorFields) == ["when", "name", "enabled", "condition.params.expression"])
            let noCondition = try await client.send(.post, "/v1/jobs/\(jobID)/triggers", json: #"{"name": "x"}"#)
            #expect(noCondition.errorFields == ["condition"])
            let unknownKind = try await client.send(.post, "/v1/jobs/\(jobID)/triggers",
                                                    json: #"{"name": "x", "condition": {"kind": "webhook"}}"#)
            #expect(unknownKind.errorFields == ["condition.kind"])
            #expect(try await client.send(.post, "/v1/jobs/\(UUID().uuidString)/triggers", json: Self.nightly).status == .notFound)
            #expect(try await client.send(.post, "/v1/jobs/\(jobID)/triggers").status == .badRequest)
        }
    }

    @Test func listsFilterAndPage() async throws {
        try await APIHarness().run { client in
            let first = try await client.createJob(name: "first")
            let second = try await client.createJob(name: "second")
            var ids: [String] = []
            for job in [first, second, first] {
                ids.append(try #require(try await client.send(.post, "/v1/jobs/\(job)/triggers", json: Self.nightly).json["id"] as? String))
            }
            let onFinish = try await client.send(.post, "/v1/jobs/\(second)/triggers",
                                                 json: #"{"name": "chain", "condition": {"kind": "on_finish"}}"#)
            ids.append(try #require(onFinish.json["id"] as? String))
            _ = try await client.send(.put, "/v1/triggers/\(ids[0])/disable")

            #expect(try await client.send(.get, "/v1/triggers").ids == ids.reversed())
            #expect(try await client.send(.get, "/v1/jobs/\(first)/triggers").ids == [ids[2], ids[0]])
            #expect(try await client.send(.get, "/v1/triggers?job_ids=\(second)").ids == [ids[3], ids[1]])
            #expect(try await client.send(.get, "/v1/triggers?kinds=on_finish").ids == [ids[3]])
            #expect(try await client.send(.get, "/v1/triggers?enabled=false").ids == [ids[0]])
            #expect(try await client.send(.get, "/v1/triggers?enabled=true&kinds=schedule").ids == [ids[2], ids[1]])
            #expect(try await client.send(.get, "/v1/triggers?exclude_ids=\(ids[3])&include_ids=\(ids[3]),\(ids[2])").ids == [ids[2]])

            let page = try await client.send(.get, "/v1/triggers?per_page=3")
            #expect(page.ids == [ids[3], ids[2], ids[1]])
            let next = try #require(page.nextPage)
            let rest = try await client.send(.get, "/v1/triggers?per_page=3&page=\(next)")
            #expect(rest.ids == [ids[0]])
            #expect(rest.nextPage == nil)
            // A cursor minted for one list is refused by another.
            #expect(try await client.send(.get, "/v1/triggers?kinds=schedule&page=\(next)").errorCode == "invalid_cursor")

            let bad = try await client.send(.get, "/v1/triggers?kinds=cron&enabled=maybe&job_ids=x")
            #expect(bad.status == .unprocessableContent)
            #expect(Set(bad.errorFields) == ["kinds", "enabled", "job_ids"])
            // A blank boolean says neither true nor false: refused, not read as either.
            let blank = try await client.send(.get, "/v1/triggers?enabled=")
            #expect(blank.status == .unprocessableContent)
            #expect(blank.errorFields == ["enabled"])
            #expect(try await client.send(.get, "/v1/jobs/\(UUID().uuidString)/triggers").status == .notFound)
        }
    }

    @Test func executionsArePagedMostRecentFirst() async throws {
        let service = InMemoryCrawlService()
        try await APIHarness(service: service).run { client in
            let jobID = try await client.createJob()
            let id = try #require(try await client.send(.post, "/v1/jobs/\(jobID)/triggers", json: Self.nightly).json["id"] as? String)
            let triggerID = try #require(TriggerID(id))
            var executions: [TriggerExecution] = []
            for status in [TriggerExecution.Status.started, .skipped, .failed, .started] {
                executions.append(await service.recordExecution(of: triggerID, status: status))
            }
            let page = try await client.send(.get, "/v1/triggers/\(id)/executions?per_page=2")
            #expect(page.ids == executions.reversed().prefix(2).map(\.id.description))
            let rows = page.json["data"] as? [[String: Any]] ?? []
            #expect(rows.first?["status"] as? String == "started")
            #expect(rows.first?["run_id"] is String)
            #expect(rows.last?["status"] as? String == "failed")
            #expect(rows.last?["run_id"] is NSNull)
            let rest = try await client.send(.get, "/v1/triggers/\(id)/executions?per_page=2&page=\(try #require(page.nextPage))")
            #expect(rest.ids == executions.prefix(2).reversed().map(\.id.description))
            let skipped = (rest.json["data"] as? [[String: Any]])?.first
            #expect((skipped?["reason"] as? String)?.contains("active run") == true)
            #expect(try await client.send(.get, "/v1/triggers/\(UUID().uuidString)/executions").status == .notFound)
        }
    }

    @Test func anotherTenantSeesNothing() async throws {
        try await APIHarness().run { client in
            let jobID = try await client.createJob(tenant: "acme")
            let id = try #require(try await client.send(.post, "/v1/jobs/\(jobID)/triggers", json: Self.nightly, tenant: "acme").json["id"] as? String)
            #expect(try await client.send(.get, "/v1/triggers/\(id)", tenant: "globex").status == .notFound)
            #expect(try await client.send(.put, "/v1/triggers/\(id)/disable", tenant: "globex").status == .notFound)
            #expect(try await client.send(.delete, "/v1/triggers/\(id)", tenant: "globex").status == .notFound)
            #expect(try await client.send(.get, "/v1/triggers/\(id)/executions", tenant: "globex").status == .notFound)
            #expect(try await client.send(.get, "/v1/triggers", tenant: "globex").ids.isEmpty)
            #expect(try await client.send(.post, "/v1/jobs/\(jobID)/triggers", json: Self.nightly, tenant: "globex").status == .notFound)
        }
    }
}
