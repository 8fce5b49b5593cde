import Foundation
import HTTPTypes
import Hummingbird
import Testing
@testable import TrawlAPI

@Suite struct TenancyTests {
    @Test func anotherTenantsIDsAreNotFoundEverywhere() async throws {
        try await APIHarness().run { client in
            let jobID = try await client.createJob(tenant: "acme")
            let runID = try await client.createRun(jobID: jobID, tenant: "acme")
            let attempts: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/v1/jobs/\(jobID)", nil),
                (.put, "/v1/jobs/\(jobID)", APIHarness.jobBody()),
                (.delete, "/v1/jobs/\(jobID)", nil),
                (.get, "/v1/jobs/\(jobID)/runs", nil),
                (.post, "/v1/jobs/\(jobID)/runs", nil),
                (.get, "/v1/runs/\(runID)", nil),
                (.put, "/v1/runs/\(runID)/pause", nil),
                (.put, "/v1/runs/\(runID)/resume", nil),
                (.put, "/v1/runs/\(runID)/stop", nil),
                (.delete, "/v1/runs/\(runID)", nil),
            ]
            for (method, uri, body) in attempts {
                for tenant in [nil, "globex"] {
                    let response = try await client.send(method, uri, json: body, tenant: tenant)
                    #expect(response.status == .notFound, "\(method) \(uri) as \(tenant ?? "default")")
                    #expect(response.errorCode == "not_found")
                }
            }
            #expect(try await client.send(.get, "/v1/jobs").ids.isEmpty)
            #expect(try await client.send(.get, "/v1/runs").ids.isEmpty)
            #expect(try await client.send(.get, "/v1/runs?include_ids=\(runID)").ids.isEmpty)

            // Nothing was changed by the attempts.
            let run = try await client.send(.get, "/v1/runs/\(runID)", tenant: "acme")
            #expect(run.json["status"] as? String == "running")
            #expect(run.json["tenant_id"] as? String == "acme")
            #expect(try await client.send(.get, "/v1/jobs", tenant: "acme").ids == [jobID])
        }
    }

    @Test(arguments: ["bad tenant", "", String(repeating: "t", count: 65), "a/b", "ünï"])
    func invalidTenantHeaderIsABadRequest(_ tenant: String) async throws {
        try await APIHarness().run { client in
            let response = try await client.send(.get, "/v1/jobs", tenant: tenant)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "bad_request")
        }
    }

    /// Without keys, a doubled slash once skipped the tenant middleware and wrote rows for the empty tenant.
    @Test func everySpellingOfAPathActsForAResolvedTenant() async throws {
        try await APIHarness { $0.defaultTenant = "acme" }.run { client in
            for path in ["//v1/jobs", "///v1/jobs", "/v1//jobs"] {
                let created = try await client.send(.post, path, json: APIHarness.jobBody(), tenant: "globex")
                #expect(created.status == .created, "\(path)")
                #expect(created.json["tenant_id"] as? String == "globex", "\(path)")
                let listed = try await client.send(.get, path)
                #expect(listed.status == .ok)
                #expect(listed.ids.isEmpty, "the default tenant sees none of globex's jobs through \(path)")
            }
            #expect(try await client.send(.get, "//v1/jobs", tenant: "").status == .badRequest)
        }
    }

    @Test func configuredDefaultTenant() async throws {
        try await APIHarness { $0.defaultTenant = "acme" }.run { client in
            let jobID = try await client.createJob()
            #expect(try await client.send(.get, "/v1/jobs/\(jobID)", tenant: "acme").json["tenant_id"] as? String == "acme")
            #expect(try await client.send(.get, "/v1/jobs/\(jobID)", tenant: "A.b_c-9").status == .notFound)
        }
    }
}
