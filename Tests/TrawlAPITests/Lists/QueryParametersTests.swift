import Testing
@testable import TrawlAPI

@Suite struct QueryParametersTests {
    @Test func arrayFormsFoldTogether() throws {
        let parameters = try QueryParameters(query: "statuses[]=a&statuses=b,c&statuses%5B%5D=d&statuses=")
        #expect(parameters.list("statuses") == ["a", "b", "c", "d"])
    }

    @Test func objectsAndPlusSigns() throws {
        let parameters = try QueryParameters(query: "labels[team]=search&labels%5Benv%5D=prod%20eu&created_after=2026-01-01T00:00:00+02:00")
        #expect(parameters.objects["labels"] == ["team": "search", "env": "prod eu"])
        #expect(parameters.last("created_after") == "2026-01-01T00:00:00+02:00")
    }

    /// A repeated label filter cannot mean both values, and one without `=` means none: both are refused, not
    /// silently read as the last value or the empty one.
    @Test func ambiguousLabelFiltersAreRefused() async throws {
        try await APIHarness().run { client in
            for query in ["labels[team]=a&labels[team]=b", "labels[team]", "labels[team]=a&labels[env]"] {
                let response = try await client.send(.get, "/v1/runs?\(query)")
                #expect(response.status == .unprocessableContent, "\(query)")
            }
            let unknown = try await client.send(.get, "/v1/runs?status=running")
            #expect(unknown.error["message"] as? String == "status: this endpoint has no parameter 'status'")
            let fine = try await client.send(.get, "/v1/runs?labels[team]=a&labels[env]=")
            #expect(fine.status == .unprocessableContent, "an empty value is outside the labels' limits too")
            #expect(try await client.send(.get, "/v1/runs?labels[team]=a&labels[env]=b").status == .ok)
        }
    }

    @Test func malformedEscapeIsABadRequest() {
        #expect(throws: APIError.self) { try QueryParameters(query: "a=%zz") }
    }
}
