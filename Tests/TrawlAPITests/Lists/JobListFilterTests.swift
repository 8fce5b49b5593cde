import Foundation
import Testing
import TrawlCore
@testable import TrawlAPI

@Suite struct JobListFilterTests {
    @Test func everyFilter() async throws {
        try await APIHarness().run { client in
            let docs = try await client.createJob(name: "docs", labels: #"{"team": "search"}"#)
            let blog = try await client.createJob(name: "blog", labels: #"{"team": "search", "env": "prod"}"#)
            let shop = try await client.createJob(name: "shop", labels: #"{"team": "sales"}"#)
            func ids(_ query: String) async throws -> [String] {
                let response = try await client.send(.get, "/v1/jobs?\(query)")
                #expect(response.status == .ok, "\(query): \(response.text)")
                return response.ids
            }
            #expect(try await ids("") == [shop, blog, docs])
            #expect(try await ids("names=docs,shop") == [shop, docs])
            #expect(try await ids("names[]=blog") == [blog])
            #expect(try await ids("include_ids=\(docs)&include_ids=\(blog)") == [blog, docs])
            #expect(try await ids("exclude_ids[]=\(blog)") == [shop, docs])
            #expect(try await ids("labels[team]=search") == [blog, docs])
            #expect(try await ids("labels[team]=search&labels[env]=prod") == [blog])

            let blogJob = try await client.send(.get, "/v1/jobs/\(blog)")
            let createdAt = try #require(blogJob.json["created_at"] as? String)
            #expect(try await ids("created_before=\(createdAt)") == [docs])
            #expect(try await ids("created_after=\(createdAt)") == [shop])

            let bad = try await client.send(.get, "/v1/jobs?include_ids=nope&created_after=soon&per_page=500")
            #expect(bad.status == .unprocessableContent)
            #expect(Set(bad.errorFields) == ["include_ids", "created_after", "per_page"])
        }
    }

    @Test func jobListPagesWithCursor() async throws {
        try await APIHarness().run { client in
            var created: [String] = []
            for index in 0..<5 { created.append(try await client.createJob(name: "job\(index)")) }
            let first = try await client.send(.get, "/v1/jobs?per_page=2")
            #expect(first.ids == [created[4], created[3]])
            let cursor = try #require(first.nextPage)
            let second = try await client.send(.get, "/v1/jobs?per_page=2&page=\(cursor)")
            #expect(second.ids == [created[2], created[1]])
            let third = try await client.send(.get, "/v1/jobs?per_page=2&page=\(try #require(second.nextPage))")
            #expect(third.ids == [created[0]])
            #expect(third.nextPage == nil)
            // A jobs cursor is not a runs cursor.
            let foreign = try await client.send(.get, "/v1/runs?per_page=2&page=\(cursor)")
            #expect(foreign.status == .badRequest)
            #expect(foreign.errorCode == "invalid_cursor")
        }
    }
}
