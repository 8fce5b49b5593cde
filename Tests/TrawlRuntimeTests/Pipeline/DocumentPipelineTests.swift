import Foundation
import Testing
import TrawlCore
import TrawlRuntime
import TrawlTestSupport

/// Crawled pages become searchable: extract → chunk → index → embed, over a real crawl, store and extractor, with
/// a word-hash model at the embedder seam so these run in a second.
@Suite struct DocumentPipelineTests {
    static func page(_ title: String, _ body: String, links: String = "") -> FixtureResponse {
        .html("""
            <html lang="en"><head><title>\(title)</title></head><body>
            <nav><a href="/">Home</a> <a href="/install">Install</a> <a href="/config">Config</a></nav>
            <main><h1>\(title)</h1>\(body)\(links)</main>
            <footer>Copyright Example Corp. Cookie settings.</footer>
            </body></html>
            """)
    }

    static var pages: [String: FixtureResponse] {
        [
            "/": page("Welcome", "<p>Trawl is a web crawler for search and archives.</p>",
                      links: "<a href=/install>install</a> <a href=/config>config</a> <a href=/gone>gone</a> <a href=/logo.png>logo</a>"),
            "/install": page("Installing", "<h2>On Debian</h2><p>Install the packages with apt, then build with swift.</p>"),
            "/config": page("Configuration", "<h2>Politeness</h2><p>The delay between requests to one host adapts to its latency.</p>"),
            "/logo.png": .bytes([0x89, 0x50, 0x4E, 0x47], contentType: "image/png"),
        ]
    }

    static func config(_ server: FixtureServer) -> ConfigValue {
        [
            "seeds": [["kind": "static_list", "params": ["urls": [.string(server.url("/"))]]]],
            "policies": [["kind": "robots_txt", "params": ["obey": false]]],
            "speed": ["kind": "fixed", "params": ["delay": "0s", "delay_factor": 0]],
            "stopping_criteria": [["kind": "max_empty_evaluations", "params": ["max_empty_evaluations": 2]]],
        ]
    }

    /// A started service over a fresh harness embedding with `embedders`, and a job of `config` with its first run.
    static func start(_ config: ConfigValue, embedders: any EmbedderProviding = WordHashEmbedders(),
                      labels: [String: String] = [:]) async throws -> (CrawlHarness, TrawlService, Job, Run) {
        let harness = try await CrawlHarness(embedders: embedders)
        let service = await harness.runtime.makeService()
        try await service.start()
        let (job, created) = try await service.createJob(JobDraft(name: "docs", labels: labels, config: config),
                                                         tenantID: "acme", startRun: true)
        return (harness, service, job, try #require(created))
    }

    /// Waits until `run`'s pipeline is done (semantic readiness or a failed embed step).
    static func settled(_ service: TrawlService, _ id: RunID) async throws -> Run {
        try await waitUntil("the run's pipeline to settle") {
            try await service.run(id, tenantID: "acme")
        } until: { run in
            run.status == .finished && (run.pipeline.semanticReadyAt != nil || run.pipeline.stages[.embed]?.finishedAt != nil)
        }
    }

    @Test func aCrawledSiteBecomesSearchableInEveryMode() async throws {
        let server = try FixtureServer(site: FixtureSite(Self.pages))
        defer { server.stop() }
        let embedders = WordHashEmbedders()
        let (harness, service, _, created) = try await Self.start(Self.config(server), embedders: embedders)
        defer { harness.cleanUp() }
        let run = try await Self.settled(service, created.id)

        let documents = run.pipeline.documents
        #expect(documents.parsed == 3)
        #expect(documents.indexed == 3 && documents.embedded == 3 && documents.failed == 0)
        #expect(documents.skipped == 2)  // the 404 and the image
        #expect(documents.adds == 3 && documents.unchanged == 0)
        #expect(run.pipeline.chunks.created > 0 && run.pipeline.chunks.embedded == run.pipeline.chunks.created)
        #expect(run.pipeline.textIndexedAt != nil && run.pipeline.semanticReadyAt != nil)
        #expect(PipelineStage.allCases.allSatisfy { run.pipeline.stages[$0]?.finishedAt != nil })

        let listed = try await service.documents(DocumentQuery(runID: run.id), tenantID: "acme")
        #expect(Set(listed.map(\.url)) == [server.url("/"), server.url("/install"), server.url("/config")])
        #expect(listed.allSatisfy { $0.status == .embedded && $0.chunks > 0 && $0.language == "en" })

        for mode in SearchMode.allCases {
            var query = SearchQuery(tenantID: "acme", text: "install packages with apt on debian")
            query.limit = 3
            let results = try await service.search(query, mode: mode).results
            #expect(results.first?.hit.url == server.url("/install"), "\(mode): \(results.map(\.hit.url))")
            #expect(results.first?.hit.title == "Installing")
        }
        // Grouped by page: each page once, however many of its chunks match, with its passages.
        var byPage = SearchQuery(tenantID: "acme", text: "install packages debian apt swift configuration delay")
        byPage.grouping = .page
        for mode in SearchMode.allCases {
            let pages = try await service.search(byPage, mode: mode).results
            #expect(Set(pages.map(\.hit.url)).count == pages.count && !pages.isEmpty, "\(mode)")
            #expect(pages.allSatisfy { !$0.passages.isEmpty && $0.passages[0].hit.chunkID == $0.hit.chunkID })
        }
        let text = try await service.search(SearchQuery(tenantID: "acme", text: "latency"), mode: .text).results
        #expect(text.first?.hit.snippet.contains("<mark>latency</mark>") == true)
        // Boilerplate is not indexed: the footer's words find nothing.
        #expect(try await service.search(SearchQuery(tenantID: "acme", text: "copyright cookie"), mode: .text).results.isEmpty)
        // Other tenants see nothing.
        #expect(try await service.search(SearchQuery(tenantID: "globex", text: "install"), mode: .hybrid).results.isEmpty)
        await service.shutdown()
    }

    @Test func aRecrawlEmbedsOnlyWhatChanged() async throws {
        let server = try FixtureServer(site: FixtureSite(Self.pages))
        defer { server.stop() }
        let embedders = WordHashEmbedders()
        let (harness, service, job, created) = try await Self.start(Self.config(server), embedders: embedders)
        defer { harness.cleanUp() }
        let first = try await Self.settled(service, created.id)
        let embeddedOnce = embedders.embedder.embeddedCount
        #expect(embeddedOnce == first.pipeline.chunks.created)

        let second = try await Self.settled(service, try await service.createRun(jobID: job.id, runID: nil, tenantID: "acme").id)
        #expect(second.pipeline.documents.unchanged == 3)
        #expect(second.pipeline.documents.adds == 0 && second.pipeline.documents.updates == 0)
        #expect(embedders.embedder.embeddedCount == embeddedOnce)  // nothing embedded again
        #expect(second.pipeline.chunks.embedded == first.pipeline.chunks.created)
        #expect(second.pipeline.semanticReadyAt != nil)
        var query = SearchQuery(tenantID: "acme", text: "politeness delay latency")
        query.runIDs = [second.id]
        #expect(try await service.search(query, mode: .semantic).results.first?.hit.url == server.url("/config"))
        await service.shutdown()
    }

    @Test func anEmbedderOutageFailsDocumentsWithTheReasonAndTheRunStillEnds() async throws {
        let server = try FixtureServer(site: FixtureSite(Self.pages))
        defer { server.stop() }
        let embedders = WordHashEmbedders()
        embedders.embedder.fail(with: EmbedError(.unavailable, "connection refused"))
        let (harness, service, _, created) = try await Self.start(Self.config(server), embedders: embedders)
        defer { harness.cleanUp() }
        let run = try await Self.settled(service, created.id)
        #expect(run.status == .finished && run.stopReason == .maxEmptyEvaluations)
        #expect(run.pipeline.textIndexedAt != nil)  // text search works regardless
        #expect(run.pipeline.semanticReadyAt == nil)
        #expect(run.pipeline.stages[.embed]?.failed == true)
        #expect(run.pipeline.documents.failed == 3)
        #expect(run.pipeline.error?.contains("connection refused") == true)
        var failed = DocumentQuery(runID: run.id)
        failed.statuses = [.failed]
        let documents = try await service.documents(failed, tenantID: "acme")
        #expect(documents.count == 3 && documents.allSatisfy { $0.error?.contains("connection refused") == true })
        #expect(try await service.search(SearchQuery(tenantID: "acme", text: "debian"), mode: .text).results.first?.hit.url
                == server.url("/install"))
        await service.shutdown()
    }

    @Test func anEmbedderDownWhenTheRunStartsIsAskedForAgainAndNothingFails() async throws {
        let server = try FixtureServer(site: FixtureSite(Self.pages))
        defer { server.stop() }
        // The harness allows 3 attempts, with short waits between them: the third gets the embedder.
        let embedders = UnavailableAtFirstEmbedders(refusals: 2)
        let (harness, service, _, created) = try await Self.start(Self.config(server), embedders: embedders)
        defer { harness.cleanUp() }
        let run = try await Self.settled(service, created.id)
        #expect(run.pipeline.semanticReadyAt != nil, "\(run.pipeline.error ?? "")")
        #expect(run.pipeline.error == nil)
        #expect(run.pipeline.documents.failed == 0)
        #expect(run.pipeline.chunks.embedded == run.pipeline.chunks.created && run.pipeline.chunks.created > 0)
        #expect(embedders.requests == 3)
        await service.shutdown()
    }

    @Test func aDisabledPipelineIndexesNothing() async throws {
        let server = try FixtureServer(site: FixtureSite(Self.pages))
        defer { server.stop() }
        let harness = try await CrawlHarness(embedders: WordHashEmbedders())
        defer { harness.cleanUp() }
        let service = await harness.runtime.makeService()
        try await service.start()
        var config = Self.config(server)
        if case .object(var fields) = config {
            fields.append(("pipelines", .array([])))
            config = .object(fields)
        }
        let (_, created) = try await service.createJob(JobDraft(name: "docs", config: config), tenantID: "acme", startRun: true)
        let id = try #require(created).id
        _ = try await waitUntil("the run to finish") { try await service.run(id, tenantID: "acme") } until: { $0.status == .finished }
        try await Task.sleep(for: .milliseconds(100))
        let run = try await service.run(id, tenantID: "acme")
        #expect(run.pipeline.documents.parsed == 0 && run.pipeline.textIndexedAt == nil)
        #expect(try await service.search(SearchQuery(tenantID: "acme", text: "debian"), mode: .text).results.isEmpty)
        await service.shutdown()
    }
}
