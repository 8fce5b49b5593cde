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

    @Test func malformedEscapeIsABadRequest() {
        #expect(throws: APIError.self) { try QueryParameters(query: "a=%zz") }
    }
}
