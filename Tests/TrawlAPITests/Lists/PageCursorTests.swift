import Foundation
import Testing
@testable import TrawlAPI

@Suite struct PageCursorTests {
    @Test func roundTripsExactly() throws {
        let date = Date(timeIntervalSinceReferenceDate: 789_456_123.456_789_1)
        let cursor = PageCursor(createdAt: date, id: "9c2b0000-0000-4000-8000-000000000001", binding: "abc")
        let token = cursor.token
        #expect(!token.contains("="))
        #expect(!token.contains("+") && !token.contains("/"))
        let decoded = try PageCursor(token: token, expecting: "abc")
        #expect(decoded == cursor)
        #expect(decoded.date == date)
    }

    @Test func refusesOtherBindingsAndJunk() {
        let token = PageCursor(createdAt: Date(), id: UUID().uuidString, binding: "abc").token
        #expect(throws: APIError.invalidCursor) { try PageCursor(token: token, expecting: "abd") }
        #expect(throws: APIError.invalidCursor) { try PageCursor(token: "%%%", expecting: "abc") }
        let notUUID = PageCursor(createdAt: Date(), id: "nope", binding: "abc").token
        #expect(throws: APIError.invalidCursor) { try PageCursor(token: notUUID, expecting: "abc") }
    }

    @Test func bindingIgnoresFilterOrderButNotContent() {
        let a = ListBinding(path: "/v1/runs", tenant: "t", filters: ["statuses=paused,running", "job_ids=x"])
        let b = ListBinding(path: "/v1/runs", tenant: "t", filters: ["job_ids=x", "statuses=paused,running"])
        #expect(a == b)
        #expect(a.fingerprint.count == 16)
        #expect(a != ListBinding(path: "/v1/jobs", tenant: "t", filters: ["job_ids=x", "statuses=paused,running"]))
        #expect(a != ListBinding(path: "/v1/runs", tenant: "u", filters: ["job_ids=x", "statuses=paused,running"]))
        #expect(a != ListBinding(path: "/v1/runs", tenant: "t", filters: ["job_ids=x"]))
    }
}
