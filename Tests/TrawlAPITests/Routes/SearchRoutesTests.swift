import Foundation
import Testing
import TrawlCore
@testable import TrawlAPI

@Suite struct SearchRoutesTests {
    static func seed(_ service: InMemoryCrawlService, _ client: APIClient) async throws -> (RunID, RunID) {
        let first = try #require(RunID(try await client.createRun(jobID: try await client.createJob(labels: #"{"team": "docs"}"#))))
        let second = try #require(RunID(try await client.createRun(jobID: try await client.createJob(labels: #"{"team": "blog"}"#))))
        let firstJob = await service.runs[first]!.jobID
        let secondJob = await service.runs[second]!.jobID
        func hit(_ id: Int64, _ run: RunID, _ job: JobID, _ text: String) -> SearchHit {
            SearchHit(chunkID: id, runID: run, jobID: job, url: "https://h.test/\(id)", title: "Page \(id)",
                      headingPath: ["Guide", "Part \(id)"], text: text, snippet: "<mark>\(text)</mark>", score: 0)
        }
        await service.setSearchable([
            hit(1, first, firstJob, "install trawl on debian"), hit(2, first, firstJob, "install"),
            hit(3, second, secondJob, "install trawl quickly on debian"),
        ])
        return (first, second)
    }

    @Test func searchesWithFiltersAndShapesResults() async throws {
        let service = InMemoryCrawlService()
        try await APIHarness(service: service).run { client in
            let (first, second) = try await Self.seed(service, client)
            let all = try await client.send(.get, "/v1/search?q=install%20trawl%20debian&mode=text")
            #expect(all.status == .ok)
            #expect(all.json["mode"] as? String == "text")
            let results = all.json["results"] as? [[String: Any]] ?? []
            #expect(results.compactMap { $0["chunk_id"] as? Int } == [1, 3, 2])
            let top = try #require(results.first)
            for key in ["url", "title", "heading_path", "snippet", "text", "score", "run_id", "job_id", "text_rank",
                        "semantic_rank"] {
                #expect(top[key] != nil, "missing \(key)")
            }
            #expect(top["heading_path"] as? [String] == ["Guide", "Part 1"])
            // hybrid is the default mode.
            #expect(try await client.send(.get, "/v1/search?q=install").json["mode"] as? String == "hybrid")
            let byRun = try await client.send(.get, "/v1/search?q=install&mode=text&run_ids=\(second)")
            #expect((byRun.json["results"] as? [[String: Any]])?.compactMap { $0["chunk_id"] as? Int } == [3])
            let byLabel = try await client.send(.get, "/v1/search?q=install&mode=text&labels[team]=docs&limit=1")
            #expect((byLabel.json["results"] as? [[String: Any]])?.compactMap { $0["run_id"] as? String } == [first.description])
            // Another tenant sees nothing.
            #expect((try await client.send(.get, "/v1/search?q=install", tenant: "globex").json["results"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func badQueriesListEveryProblem() async throws {
        let service = InMemoryCrawlService()
        try await APIHarness(service: service).run { client in
            let bad = try await client.send(.get, "/v1/search?mode=fuzzy&limit=0&run_ids=nope")
            #expect(bad.status == .unprocessableContent)
            #expect(Set(bad.errorFields) == ["q", "mode", "limit", "run_ids"])
            let long = String(repeating: "a", count: 1_001)
            #expect(try await client.send(.get, "/v1/search?q=\(long)").errorFields == ["q"])
            #expect(try await client.send(.post, "/v1/search?q=x").status == .methodNotAllowed)
            await service.setSearchFailure(.unavailable("the query could not be embedded: model missing"))
            let down = try await client.send(.get, "/v1/search?q=install&mode=semantic")
            #expect(down.status == .serviceUnavailable)
            #expect(down.errorCode == "unavailable")
            // A partial ranking is an answer with its reason beside the results.
            await service.setSearchFailure(nil)
            #expect(try await client.send(.get, "/v1/search?q=install").json["warnings"] as? [String] == [])
            await service.setSearchWarnings(["ranked by text only: model missing"])
            let partial = try await client.send(.get, "/v1/search?q=install")
            #expect(partial.status == .ok)
            #expect(partial.json["warnings"] as? [String] == ["ranked by text only: model missing"])
        }
    }

    @Test func documentsArePagedAndFiltered() async throws {
        let service = InMemoryCrawlService()
        try await APIHarness(service: service).run { client in
            let (first, _) = try await Self.seed(service, client)
            let records = (1...7).map { i in
                DocumentRecord(id: Int64(i), url: "https://h.test/\(i)", title: "T\(i)", language: "en", canonicalURL: nil,
                               status: i == 3 ? .failed : i % 2 == 0 ? .embedded : .indexed, change: .add, chunks: i,
                               error: i == 3 ? "embedding failed: down" : nil, contentSHA256: "ab", updatedAt: Date())
            }
            await service.setDocuments(records, for: first)
            var seen: [Int] = []
            var uri = "/v1/runs/\(first)/documents?per_page=3"
            for _ in 0..<5 {
                let page = try await client.send(.get, uri)
                seen += (page.json["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
                guard let next = page.nextPage else { break }
                uri = "/v1/runs/\(first)/documents?per_page=3&page=\(next)"
            }
            #expect(seen == Array(1...7))
            let failed = try await client.send(.get, "/v1/runs/\(first)/documents?statuses=failed")
            let rows = failed.json["data"] as? [[String: Any]] ?? []
            #expect(rows.count == 1 && rows.first?["error"] as? String == "embedding failed: down")
            #expect(rows.first?["chunks_created"] as? Int == 3)
            #expect(try await client.send(.get, "/v1/runs/\(first)/documents?statuses=lost").errorFields == ["statuses"])
            #expect(try await client.send(.get, "/v1/runs/\(first)/documents", tenant: "globex").status == .notFound)
        }
    }
}
