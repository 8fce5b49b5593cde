import Foundation
import Testing
import TrawlCore
import TrawlRuntime
import TrawlTestSupport

/// The real all-MiniLM-L6-v2 model (fetched by scripts/setup) end to end: a crawled site searched in every mode
/// through the service and the CLI, chunks exported with their vectors, and `trawl embed`. Run by scripts/test in
/// its own pass, since the model keeps both cores busy.
@Suite(.serialized) struct MiniLMSearchTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-minilm-\(UUID().uuidString)")

    init() throws { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }

    static let question = "how do I install it on Debian with apt"

    @Test func aCrawledSiteIsFoundByMeaningThroughTheService() async throws {
        let server = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { server.stop() }
        let harness = try await CrawlHarness(embedders: nil)
        defer { harness.cleanUp() }
        let service = await harness.runtime.makeService()
        try await service.start()
        let (_, created) = try await service.createJob(JobDraft(name: "docs", config: DocumentPipelineTests.config(server)),
                                                       tenantID: "acme", startRun: true)
        let run = try await DocumentPipelineTests.settled(service, try #require(created).id)
        #expect(run.pipeline.semanticReadyAt != nil, "\(run.pipeline.error ?? "")")
        #expect(run.pipeline.chunks.embedded == run.pipeline.chunks.created)
        for mode in [SearchMode.semantic, .hybrid] {
            let results = try await service.search(SearchQuery(tenantID: "acme", text: Self.question), mode: mode).results
            #expect(results.first?.hit.url == server.url("/install"), "\(mode): \(results.map(\.hit.url))")
        }
        // Meaning, not words: no query word appears on the page found.
        let paraphrase = try await service.search(SearchQuery(tenantID: "acme", text: "crawling speed towards one server"),
                                                  mode: .semantic).results
        #expect(paraphrase.first?.hit.url == server.url("/config"), "\(paraphrase.map(\.hit.url))")
        await service.shutdown()
    }

    @Test func theCLICrawlsIndexesSearchesAndExportsChunks() async throws {
        let server = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { server.stop() }
        let db = directory.appendingPathComponent("cli.db").path
        let crawl = try await TrawlBinary.run(["crawl", server.url("/"), "--db", db, "--json", "--delay", "0",
                                         "--max-empty-evaluations", "2", "--ignore-robots"], timeout: 120)
        #expect(crawl.status == 0, "\(crawl.stderr)")
        let run = try #require(try JSONSerialization.jsonObject(with: Data(crawl.stdout.utf8)) as? [String: Any])
        #expect(run["ready_for"] as? [String: Bool] == ["text_search": true, "semantic_search": true])
        let id = try #require(run["id"] as? String)

        for mode in ["text", "semantic", "hybrid"] {
            let search = try await TrawlBinary.run(["search", "--db", db, "--mode", mode, "--json", "--limit", "3", Self.question])
            #expect(search.status == 0, "\(search.stderr)")
            let body = try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any]
            let results = body?["results"] as? [[String: Any]] ?? []
            #expect(results.first?["url"] as? String == server.url("/install"), "\(mode): \(search.stdout)")
            #expect(results.first?["heading_path"] is [String])
        }
        let human = try await TrawlBinary.run(["search", "--db", db, "apt debian"])
        #expect(human.stdout.contains(server.url("/install")))

        let export = try await TrawlBinary.run(["export", "--db", db, "--run", id, "--format", "chunks", "--embeddings"])
        #expect(export.status == 0, "\(export.stderr)")
        let lines = export.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { ($0["embedding"] as? [Double])?.count == 384 && $0["model"] as? String == "all-MiniLM-L6-v2" })
        #expect(Set(lines.compactMap { $0["url"] as? String }) == [server.url("/"), server.url("/install"), server.url("/config")])
    }

    @Test func indexFinishesARunCrawledWithoutIndexing() async throws {
        let server = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { server.stop() }
        let db = directory.appendingPathComponent("later.db").path
        let crawl = try await TrawlBinary.run(["crawl", server.url("/"), "--db", db, "--json", "--delay", "0",
                                         "--max-empty-evaluations", "2", "--ignore-robots", "--no-index"])
        let run = try #require(try JSONSerialization.jsonObject(with: Data(crawl.stdout.utf8)) as? [String: Any])
        #expect(run["ready_for"] as? [String: Bool] == ["text_search": false, "semantic_search": false])
        let id = try #require(run["id"] as? String)
        let index = try await TrawlBinary.run(["index", "--db", db, "--run", id, "--json"], timeout: 120)
        #expect(index.status == 0, "\(index.stderr)")
        let indexed = try JSONSerialization.jsonObject(with: Data(index.stdout.utf8)) as? [String: Any]
        #expect(indexed?["ready_for"] as? [String: Bool] == ["text_search": true, "semantic_search": true])
        #expect((indexed?["documents"] as? [String: Any])?["parsed"] as? Int == 3)
        #expect(try await TrawlBinary.run(["index", "--db", db, "--run", UUID().uuidString]).status != 0)
    }

    @Test func embedWritesOneLinePerInputLine() async throws {
        let input = "Trawl crawls the web.\n\n{\"text\": \"a JSON line\"}\n"
        let result = try await TrawlBinary.run(["embed", "--tokens"], input: input)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.map { $0["text"] as? String } == ["Trawl crawls the web.", "", "a JSON line"])
        #expect(lines.allSatisfy { ($0["embedding"] as? [Double])?.count == 384 })
        #expect(lines[1]["tokens"] as? [Int] == [101, 102])
        let bad = try await TrawlBinary.run(["embed"], input: "{\"txt\": 1}\n")
        #expect(bad.status != 0)
    }
}
