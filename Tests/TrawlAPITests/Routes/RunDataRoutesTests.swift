import Foundation
import Testing
import TrawlCore
@testable import TrawlAPI

@Suite struct RunDataRoutesTests {
    /// A run with a recorded log of 25 entries, 12 URLs and 30 edges.
    static func seeded(_ service: InMemoryCrawlService, _ client: APIClient) async throws -> String {
        let jobID = try await client.createJob()
        let runID = try await client.createRun(jobID: jobID)
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        var log: [CrawlLogEntry] = []
        for i in 0..<25 {
            let step: CrawlLogEntry.Step = [.schedule, .fetch, .parse][i % 3]
            let failed = step == .fetch && i % 2 == 1
            log.append(CrawlLogEntry(step: step, status: failed ? .error : .ok, url: "https://h\(i % 2).test/\(i)",
                                     host: "h\(i % 2).test", depth: i / 3, httpStatus: step == .fetch ? (failed ? 404 : 200) : nil,
                                     latencyMilliseconds: step == .schedule ? nil : i, reason: failed ? "http_status" : nil, at: at))
        }
        var links: [FrontierRecord] = []
        for i in 0..<12 {
            let excluded = i % 4 == 0
            let fingerprint: UInt64 = UInt64(i) &* 0x9E37_79B9_7F4A_7C15
            links.append(FrontierRecord(fingerprint: fingerprint, url: "https://h.test/\(i)", depth: 1,
                                        parentURL: "https://h.test/", state: excluded ? .excluded : .fetched,
                                        reason: excluded ? "robots" : nil, httpStatus: excluded ? nil : 200))
        }
        let edges = (0..<30).map { i in
            LinkEdge(from: "https://h.test/\(i / 4)", to: "https://h.test/x\(i)", kind: i % 7 == 0 ? .redirect : .link,
                     position: EdgePosition(page: Int64(i / 4 + 1), index: i % 4))
        }
        await service.record(log: log, links: links, edges: edges, for: try #require(RunID(runID)))
        return runID
    }

    /// Follows `next_page` from `first` to the end, returning every row.
    static func walk(_ client: APIClient, _ first: String) async throws -> [[String: Any]] {
        var rows: [[String: Any]] = []
        var uri = first
        for _ in 0..<100 {
            let page = try await client.send(.get, uri)
            #expect(page.status == .ok)
            rows += page.json["data"] as? [[String: Any]] ?? []
            guard let next = page.nextPage else { return rows }
            uri = first + (first.contains("?") ? "&" : "?") + "page=\(next)"
        }
        Issue.record("the walk did not end")
        return rows
    }

    @Test func logsFilterAndPageWithoutGapsOrRepeats() async throws {
        let service = InMemoryCrawlService()
        try await APIHarness(service: service).run { client in
            let runID = try await Self.seeded(service, client)
            let all = try await Self.walk(client, "/v1/runs/\(runID)/logs?per_page=4")
            #expect(all.count == 25)
            #expect(all.compactMap { $0["url"] as? String } == (0..<25).map { "https://h\($0 % 2).test/\($0)" })
            let first = try #require(all.first)
            for key in ["step", "status", "url", "host", "depth", "http_status", "latency_ms", "error_reason", "at"] {
                #expect(first[key] != nil, "missing \(key)")
            }
            let errors = try await client.send(.get, "/v1/runs/\(runID)/logs?statuses=error&steps=fetch&per_page=100")
            let rows = errors.json["data"] as? [[String: Any]] ?? []
            #expect(!rows.isEmpty && rows.allSatisfy { $0["error_reason"] as? String == "http_status" && $0["http_status"] as? Int == 404 })
            let host = try await Self.walk(client, "/v1/runs/\(runID)/logs?hosts=H1.test&per_page=5")
            #expect(host.count == 12 && host.allSatisfy { $0["host"] as? String == "h1.test" })
            let reasons = try await client.send(.get, "/v1/runs/\(runID)/logs?error_reasons=http_status&per_page=100")
            #expect((reasons.json["data"] as? [Any])?.count == rows.count)

            let bad = try await client.send(.get, "/v1/runs/\(runID)/logs?steps=crawl&statuses=fine&per_page=0")
            #expect(bad.status == .unprocessableContent)
            #expect(Set(bad.errorFields) == ["steps", "statuses", "per_page"])
            let page = try #require(try await client.send(.get, "/v1/runs/\(runID)/logs?per_page=2").nextPage)
            #expect(try await client.send(.get, "/v1/runs/\(runID)/logs?steps=fetch&page=\(page)").errorCode == "invalid_cursor")
            #expect(try await client.send(.get, "/v1/runs/\(runID)/links?page=\(page)").errorCode == "invalid_cursor")
            #expect(try await client.send(.get, "/v1/runs/\(runID)/logs?page=garbage").errorCode == "invalid_cursor")
        }
    }

    @Test func linksAndEdgesPageToTheEnd() async throws {
        let service = InMemoryCrawlService()
        try await APIHarness(service: service).run { client in
            let runID = try await Self.seeded(service, client)
            let links = try await Self.walk(client, "/v1/runs/\(runID)/links?per_page=5")
            #expect(links.count == 12)
            #expect(Set(links.compactMap { $0["url"] as? String }).count == 12)
            #expect(links.first?["redirect_hops"] as? Int == 0)
            let excluded = try await Self.walk(client, "/v1/runs/\(runID)/links?states=excluded&per_page=2")
            #expect(excluded.count == 3 && excluded.allSatisfy { $0["reason"] as? String == "robots" })
            #expect(try await client.send(.get, "/v1/runs/\(runID)/links?states=gone").errorFields == ["states"])

            let edges = try await Self.walk(client, "/v1/runs/\(runID)/edges?per_page=7")
            #expect(edges.compactMap { $0["to"] as? String } == (0..<30).map { "https://h.test/x\($0)" })
            #expect(edges.first?["kind"] as? String == "redirect")
            #expect(edges.last?["from"] as? String == "https://h.test/7")
        }
    }

    @Test func exportsStreamWithTheirTypeAndNameAndAreTenantScoped() async throws {
        let service = InMemoryCrawlService()
        try await APIHarness(service: service).run { client in
            let runID = try await Self.seeded(service, client)
            let jsonl = try await client.send(.get, "/v1/runs/\(runID)/export")
            #expect(jsonl.status == .ok)
            #expect(jsonl.headers[.contentType] == "application/x-ndjson")
            #expect(jsonl.headers[.contentDisposition] == "attachment; filename=\"run-\(runID).jsonl\"")
            #expect(jsonl.text.split(separator: "\n").count == 25)
            let warc = try await client.send(.get, "/v1/runs/\(runID)/export?format=warc")
            #expect(warc.headers[.contentType] == "application/warc")
            #expect(warc.headers[.contentDisposition] == "attachment; filename=\"run-\(runID).warc.gz\"")
            #expect(try await client.send(.get, "/v1/runs/\(runID)/export", tenant: "other").status == .notFound)
            let unknown = try await client.send(.get, "/v1/runs/\(runID)/export?format=pdf")
            #expect(unknown.status == .unprocessableContent && unknown.errorFields == ["format"])
        }
    }

    /// Each export holds a store reader and a thread for as long as its client reads: past the tenant's quota a new
    /// one is refused with 429 and a `Retry-After`, and the slot is back once the export that held it is gone. (The
    /// test above exports twice in a row under a quota of one: a finished export gives its slot back.)
    @Test func exportsPastTheTenantsQuotaAreRefusedUntilOneEnds() async throws {
        let service = InMemoryCrawlService()
        try await APIHarness(service: service).run { client in
            let runID = try await Self.seeded(service, client)
            var held = service.exportSlots.take(for: "default")
            #expect(held != nil)
            let refused = try await client.send(.get, "/v1/runs/\(runID)/export")
            #expect(refused.status == .tooManyRequests && refused.errorCode == "quota_exceeded")
            #expect(refused.headers[.retryAfter] == "5")
            held = nil
            #expect(try await client.send(.get, "/v1/runs/\(runID)/export").status == .ok)
            // Given back once the server lets the finished response go, which may trail the client by a moment.
            var polls = 0
            while service.exportSlots.count(for: "default") > 0 && polls < 200 {
                try await Task.sleep(for: .milliseconds(25))
                polls += 1
            }
            #expect(service.exportSlots.count(for: "default") == 0)
        }
    }

    @Test func anotherTenantsRunIsNotFound() async throws {
        let service = InMemoryCrawlService()
        try await APIHarness(service: service).run { client in
            let runID = try await Self.seeded(service, client)
            for list in ["logs", "links", "edges"] {
                #expect(try await client.send(.get, "/v1/runs/\(runID)/\(list)", tenant: "globex").status == .notFound)
                #expect(try await client.send(.get, "/v1/runs/\(UUID().uuidString)/\(list)").status == .notFound)
                #expect(try await client.send(.post, "/v1/runs/\(runID)/\(list)").status == .methodNotAllowed)
            }
        }
    }
}
