import Foundation
import Testing
import TrawlCore
@testable import TrawlAPI

@Suite struct PaginationTests {
    @Test(arguments: ["0", "101", "-1", "abc", "1.5", ""])
    func perPageOutOfRange(_ value: String) async throws {
        try await APIHarness().run { client in
            let response = try await client.send(.get, "/v1/runs?per_page=\(value)")
            #expect(response.status == .unprocessableContent)
            let fields = try #require(response.error["fields"] as? [[String: Any]])
            #expect(fields.count == 1)
            #expect(fields.first?["field"] as? String == "per_page")
            #expect(fields.first?["code"] as? String == "out_of_range")
            #expect(response.error["status"] as? Int == 422)
        }
    }

    @Test func perPageBoundsAndDefault() async throws {
        try await APIHarness().run { client in
            let jobID = try await client.createJob()
            for _ in 0..<12 { _ = try await client.createRun(jobID: jobID) }
            #expect(try await client.send(.get, "/v1/runs").ids.count == 10)
            #expect(try await client.send(.get, "/v1/runs?per_page=1").ids.count == 1)
            let all = try await client.send(.get, "/v1/runs?per_page=100")
            #expect(all.ids.count == 12)
            #expect(all.nextPage == nil)
            // Exactly one page's worth: no phantom next page.
            let exact = try await client.send(.get, "/v1/runs?per_page=12")
            #expect(exact.ids.count == 12)
            #expect(exact.nextPage == nil)
        }
    }

    /// Walks 27 runs five at a time while new runs arrive between fetches: every original run exactly once, in
    /// order, and none of the newcomers (they sort before the cursor).
    @Test func cursorWalkUnderConcurrentInserts() async throws {
        try await walk(service: InMemoryCrawlService(), filter: "")
    }

    /// The same walk where several runs share each `created_at`, so the ID tie-break carries the order.
    @Test func cursorWalkWithTimestampTies() async throws {
        try await walk(service: InMemoryCrawlService(instantEvery: 4), filter: "&statuses=running,pending")
    }

    private func walk(service: InMemoryCrawlService, filter: String) async throws {
        try await APIHarness(service: service).run { client in
            let jobID = try await client.createJob()
            var created: [String] = []
            for _ in 0..<27 { created.append(try await client.createRun(jobID: jobID)) }
            let expected = try await Self.expectedOrder(service: service, ids: created)

            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try await client.send(.get, "/v1/runs?per_page=5\(filter)" + (cursor.map { "&page=\($0)" } ?? ""))
                #expect(page.status == .ok, "\(page.text)")
                seen += page.ids
                cursor = page.nextPage
                pages += 1
                _ = try await client.createRun(jobID: jobID)
            } while cursor != nil && pages < 20
            #expect(pages == 6)
            #expect(seen == expected)
            #expect(Set(seen).count == seen.count)
        }
    }

    /// The IDs in list order, computed independently from the service's stored runs.
    private static func expectedOrder(service: InMemoryCrawlService, ids: [String]) async throws -> [String] {
        let runs = await service.runs.values.filter { ids.contains($0.id.description) }
        return runs.sorted {
            InMemoryCrawlService.precedes(($0.createdAt, $0.id.description), ($1.createdAt, $1.id.description))
        }.map(\.id.description)
    }

    @Test func malformedAndForeignCursors() async throws {
        try await APIHarness().run { client in
            let jobA = try await client.createJob(name: "a")
            let jobB = try await client.createJob(name: "b")
            for _ in 0..<3 {
                _ = try await client.createRun(jobID: jobA)
                _ = try await client.createRun(jobID: jobB)
            }
            let runsPage = try await client.send(.get, "/v1/runs?per_page=1&statuses=running,paused")
            let cursor = try #require(runsPage.nextPage)

            // The same filters written differently bind alike.
            let reordered = try await client.send(.get, "/v1/runs?per_page=2&statuses[]=paused&statuses[]=running&page=\(cursor)")
            #expect(reordered.status == .ok)
            #expect(reordered.ids.count == 2)

            let jobPage = try await client.send(.get, "/v1/jobs/\(jobA)/runs?per_page=1")
            let jobCursor = try #require(jobPage.nextPage)
            #expect(try await client.send(.get, "/v1/jobs/\(jobA)/runs?page=\(jobCursor)").status == .ok)

            let invalid = [
                "/v1/runs?page=garbage",
                "/v1/runs?page=\(cursor)x",
                "/v1/runs?page=eyJmb28iOjF9",  // base64url of {"foo":1}
                "/v1/runs?page=\(cursor)",  // filters differ
                "/v1/runs?statuses=running&page=\(cursor)",
                "/v1/jobs?page=\(cursor)",  // another endpoint
                "/v1/jobs/\(jobB)/runs?page=\(jobCursor)",  // another job
            ]
            for uri in invalid {
                let response = try await client.send(.get, uri)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(response.errorCode == "invalid_cursor", "\(uri)")
            }
            // A cursor minted for one tenant is refused in another.
            let foreignTenant = try await client.send(.get, "/v1/jobs/\(jobA)/runs?page=\(jobCursor)", tenant: "acme")
            #expect(foreignTenant.status == .notFound)
            let otherTenantList = try await client.send(.get, "/v1/runs?statuses=running,paused&page=\(cursor)", tenant: "acme")
            #expect(otherTenantList.errorCode == "invalid_cursor")
        }
    }
}
