import Foundation
import HTTPTypes
import Hummingbird
import Testing
@testable import TrawlAPI

@Suite struct AuthTests {
    private let harness = APIHarness {
        $0.apiKeys = [APIKey(token: "admin-key"), APIKey(token: "acme-key", tenants: ["acme"])]
    }

    @Test func missingOrWrongKeyIsUnauthorized() async throws {
        try await harness.run { client in
            for headers in [nil, "Bearer wrong", "Basic YWRtaW4ta2V5", "Bearer", "admin-key", "Bearer admin-key-x"] {
                var fields = HTTPFields()
                if let headers { fields[.authorization] = headers }
                let response = try await client.send(.get, "/v1/jobs", headers: fields)
                #expect(response.status == .unauthorized, "\(headers ?? "none")")
                #expect(response.errorCode == "unauthorized")
            }
            // Unknown routes under /v1 need a key too, so they reveal nothing.
            #expect(try await client.send(.get, "/v1/nothing").status == .unauthorized)
        }
    }

    /// The router ignores empty segments, so every spelling of a guarded path must be guarded too.
    @Test func everySpellingOfAPathNeedsAKey() async throws {
        let spellings = ["//v1/jobs", "///v1/jobs", "/v1//jobs", "//v1//jobs//", "/v1/jobs/", "//v1", "/v1//runs"]
        try await harness.run { client in
            for path in spellings {
                let read = try await client.send(.get, path)
                #expect(read.status == .unauthorized, "GET \(path)")
                let write = try await client.send(.post, path + "?create_run=true", json: APIHarness.jobBody())
                #expect(write.status == .unauthorized, "POST \(path)")
            }
            // Open endpoints stay open however they are spelled, and nothing else rides on them.
            #expect(try await client.send(.get, "//healthz").status == .ok)
            #expect(try await client.send(.get, "/healthz/../v1/jobs").status != .ok)
        }
    }

    @Test func validKeysAndTenantLimits() async throws {
        try await harness.run { client in
            #expect(try await client.send(.get, "/v1/jobs", token: "admin-key").status == .ok)
            #expect(try await client.send(.get, "/v1/jobs", tenant: "globex", token: "admin-key").status == .ok)
            #expect(try await client.send(.get, "/v1/runs", tenant: "acme", token: "acme-key").status == .ok)
            var lower = HTTPFields()
            lower[.authorization] = "bearer acme-key"
            #expect(try await client.send(.get, "/v1/runs", tenant: "acme", headers: lower).status == .ok)

            let outside = try await client.send(.get, "/v1/runs", tenant: "globex", token: "acme-key")
            #expect(outside.status == .forbidden)
            #expect(outside.errorCode == "forbidden")
            // The default tenant is outside the key's tenants as well.
            #expect(try await client.send(.post, "/v1/jobs", json: APIHarness.jobBody(), token: "acme-key").status == .forbidden)
        }
    }

    @Test func probesStayOpen() async throws {
        try await harness.run { client in
            let health = try await client.send(.get, "/healthz")
            let ready = try await client.send(.get, "/readyz")
            #expect(health.status == .ok)
            #expect(ready.status == .ok)
        }
    }

    @Test func keyComparison() {
        #expect(AuthMiddleware.constantTimeEquals("abc", "abc"))
        #expect(!AuthMiddleware.constantTimeEquals("abc", "abd"))
        #expect(!AuthMiddleware.constantTimeEquals("abc", "abcd"))
        #expect(!AuthMiddleware.constantTimeEquals("", "a"))
        #expect(AuthMiddleware.bearerToken("Bearer  tok ") == "tok")
        #expect(AuthMiddleware.bearerToken("Token tok") == nil)
    }
}
