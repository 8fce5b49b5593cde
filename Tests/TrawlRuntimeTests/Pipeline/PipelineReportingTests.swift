import Foundation
import Synchronization
import Testing
import TrawlAPI
import TrawlCore
import TrawlRuntime
import TrawlTestSupport

/// What a run reports about its documents, as a client reads it in the run object: per-document failures that
/// leave the rest of the run ready, steps with their counts and errors, readiness that catches up after the crawl,
/// adds and updates on a recrawl, and search filtered by job and labels over the real store.
@Suite struct PipelineReportingTests {
    /// The run object's JSON, parsed, as `GET /v1/runs/{id}` answers it.
    static func json(_ run: Run) throws -> [String: Any] {
        let data = Data(RunResource(run).json(pretty: false).utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func steps(_ run: Run) throws -> [String: [String: Any]] {
        let steps = try #require(try json(run)["steps"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: steps.map { ($0["name"] as? String ?? "", $0) })
    }

    @Test func aPageThatIsNotTextFailsAloneAndTheRestIsReady() async throws {
        var state: UInt64 = 7
        let noise = (0..<3_000).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        var pages = DocumentPipelineTests.pages
        pages["/"] = DocumentPipelineTests.page("Welcome", "<p>Trawl crawls.</p>",
                                                links: "<a href=/install>i</a> <a href=/config>c</a> <a href=/bad>b</a>")
        pages["/bad"] = .bytes(noise, contentType: "text/html")
        let server = try FixtureServer(site: FixtureSite(pages))
        defer { server.stop() }
        let (harness, service, _, created) = try await DocumentPipelineTests.start(DocumentPipelineTests.config(server))
        defer { harness.cleanUp() }
        let run = try await DocumentPipelineTests.settled(service, created.id)

        #expect(run.pipeline.documents.failed == 1 && run.pipeline.documents.parseFailed == 1)
        #expect(run.pipeline.documents.parsed == 3 && run.pipeline.documents.embedded == 3)
        #expect(run.pipeline.semanticReadyAt != nil && run.pipeline.error == nil)
        var failed = DocumentQuery(runID: run.id)
        failed.statuses = [.failed]
        let documents = try await service.documents(failed, tenantID: "acme")
        #expect(documents.map(\.url) == [server.url("/bad")])
        #expect(documents.first?.error?.hasPrefix("extraction failed: the body is not text") == true, "\(documents)")

        let steps = try Self.steps(run)
        #expect(steps.values.allSatisfy { $0["status"] as? String == "succeeded" }, "\(steps)")
        #expect(steps["parse"]?["processed"] as? Int == 4 && steps["parse"]?["failed"] as? Int == 1)
        #expect(steps["embed"]?["processed"] as? Int == 3 && steps["embed"]?["failed"] as? Int == 0)
        #expect(steps["index"]?["processed"] as? Int == 3)
        #expect(steps.values.allSatisfy { $0["error"] is NSNull })
        #expect((try Self.json(run)["ready_for"] as? [String: Bool]) == ["text_search": true, "semantic_search": true])
        await service.shutdown()
    }

    @Test func aDocumentTheEmbedderRefusesFailsAloneAndTheOthersAreEmbedded() async throws {
        let server = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { server.stop() }
        let embedders = WordHashEmbedders()
        embedders.embedder.refuse(textsContaining: "politeness")  // only /config says it
        let (harness, service, _, created) = try await DocumentPipelineTests.start(DocumentPipelineTests.config(server), embedders: embedders)
        defer { harness.cleanUp() }
        let run = try await DocumentPipelineTests.settled(service, created.id)

        #expect(run.pipeline.documents.failed == 1 && run.pipeline.documents.embedded == 2)
        #expect(run.pipeline.semanticReadyAt != nil, "\(run.pipeline.error ?? "")")
        var failed = DocumentQuery(runID: run.id)
        failed.statuses = [.failed]
        let documents = try await service.documents(failed, tenantID: "acme")
        #expect(documents.map(\.url) == [server.url("/config")])
        #expect(documents.first?.error?.contains("refused an input containing 'politeness'") == true)
        let steps = try Self.steps(run)
        #expect(steps["embed"]?["status"] as? String == "succeeded")
        #expect(steps["embed"]?["processed"] as? Int == 3 && steps["embed"]?["failed"] as? Int == 1)
        // The other pages are found by meaning.
        var query = SearchQuery(tenantID: "acme", text: "install packages with apt on debian")
        query.runIDs = [run.id]
        #expect(try await service.search(query, mode: .semantic).results.first?.hit.url == server.url("/install"))
        await service.shutdown()
    }

    @Test func anOutageFailsTheEmbedStepWithItsReasonInTheRunObject() async throws {
        let server = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { server.stop() }
        let embedders = WordHashEmbedders()
        embedders.embedder.fail(with: EmbedError(.unavailable, "connection refused"))
        let (harness, service, _, created) = try await DocumentPipelineTests.start(DocumentPipelineTests.config(server), embedders: embedders)
        defer { harness.cleanUp() }
        let run = try await DocumentPipelineTests.settled(service, created.id)
        let steps = try Self.steps(run)
        #expect(steps["embed"]?["status"] as? String == "failed")
        #expect(steps["embed"]?["failed"] as? Int == 3 && steps["embed"]?["processed"] as? Int == 3)
        #expect((steps["embed"]?["error"] as? String)?.contains("connection refused") == true)
        #expect(steps["index"]?["status"] as? String == "succeeded")
        #expect((try Self.json(run)["ready_for"] as? [String: Bool]) == ["text_search": true, "semantic_search": false])
        // The default search still answers, ranked by text, and says why; semantic search alone cannot answer.
        let query = SearchQuery(tenantID: "acme", text: "debian")
        let hybrid = try await service.search(query, mode: .hybrid)
        #expect(hybrid.results.first?.hit.url == server.url("/install"))
        #expect(hybrid.results.allSatisfy { $0.textRank != nil && $0.semanticRank == nil })
        #expect(hybrid.warnings == ["ranked by text only: the query could not be embedded: connection refused"])
        #expect(try await service.search(query, mode: .text).warnings.isEmpty)
        await #expect {
            try await service.search(query, mode: .semantic)
        } throws: { error in
            guard case .unavailable(let message) = error as? ServiceError else { return false }
            return message.contains("connection refused")
        }
        await service.shutdown()
    }

    @Test func aRefusedKeyFailsTheStepNotJustTheDocuments() async throws {
        let server = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { server.stop() }
        let embedders = WordHashEmbedders()
        // Final, not retryable, and not one input's fault: every document would be refused the same way.
        embedders.embedder.fail(with: EmbedError(.unauthorized, "the service refused the API key (401)"))
        let (harness, service, _, created) = try await DocumentPipelineTests.start(DocumentPipelineTests.config(server), embedders: embedders)
        defer { harness.cleanUp() }
        let run = try await DocumentPipelineTests.settled(service, created.id)
        let steps = try Self.steps(run)
        #expect(steps["embed"]?["status"] as? String == "failed")
        #expect((steps["embed"]?["error"] as? String)?.contains("refused the API key") == true)
        #expect(run.pipeline.documents.failed == 3 && run.pipeline.semanticReadyAt == nil)
        await service.shutdown()
    }

    /// Hands out the word-hash model until told to stall: then getting the embedder takes a minute (a service that
    /// does not answer its probe, retried).
    final class StallingEmbedders: EmbedderProviding {
        let embedders = WordHashEmbedders()
        let stalls = Mutex(false)
        var tokens: any TokenCounting { embedders.tokens }

        func embedder(for choice: PipelineOptions.Embedding) async -> Result<any Embedder, EmbedError> {
            if stalls.withLock({ $0 }) { try? await Task.sleep(for: .seconds(60)) }
            return await embedders.embedder(for: choice)
        }
    }

    /// The hybrid search's three seconds cover getting the embedder, not only embedding: a tenant's service that does
    /// not answer its probe held each of the tenant's searches for as long as the probe's retries.
    @Test func aStallingEmbedderProviderHoldsAHybridSearchForSecondsOnly() async throws {
        let server = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { server.stop() }
        let embedders = StallingEmbedders()
        let (harness, service, _, created) = try await DocumentPipelineTests.start(DocumentPipelineTests.config(server), embedders: embedders)
        defer { harness.cleanUp() }
        _ = try await DocumentPipelineTests.settled(service, created.id)
        embedders.stalls.withLock { $0 = true }
        let began = ContinuousClock.now
        let answer = try await service.search(SearchQuery(tenantID: "acme", text: "debian"), mode: .hybrid)
        let took = ContinuousClock.now - began
        #expect(took < .seconds(20), "the search took \(took)")
        #expect(answer.results.first?.hit.url == server.url("/install"))
        #expect(answer.warnings.count == 1 && answer.warnings[0].contains("did not answer within 3"), "\(answer.warnings)")
        await service.shutdown()
    }

    @Test func theCrawlEndsWhileEmbeddingCatchesUpAndReadinessSaysSo() async throws {
        let server = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { server.stop() }
        let embedders = WordHashEmbedders()
        embedders.embedder.hold()
        let (harness, service, _, created) = try await DocumentPipelineTests.start(DocumentPipelineTests.config(server), embedders: embedders)
        defer { harness.cleanUp() }
        // Fetching never waits for embeddings: the crawl finishes and the text is indexed with the embedder stuck.
        let run = try await waitUntil("the crawl to finish and its text to be indexed") {
            try await service.run(created.id, tenantID: "acme")
        } until: { $0.status == .finished && $0.pipeline.textIndexedAt != nil }
        #expect(run.pipeline.documents.indexed == 3 && run.pipeline.chunks.embedded == 0)
        #expect((try Self.json(run)["ready_for"] as? [String: Bool]) == ["text_search": true, "semantic_search": false])
        // A stuck embedder holds a hybrid search for a few seconds at most: then it answers by text, and says so.
        let stuck = try await service.search(SearchQuery(tenantID: "acme", text: "debian"), mode: .hybrid)
        #expect(stuck.results.first?.hit.url == server.url("/install"))
        #expect(stuck.warnings.count == 1 && stuck.warnings[0].contains("did not answer within 3"), "\(stuck.warnings)")
        #expect(try Self.steps(run)["embed"]?["status"] as? String == "running")
        #expect(try await service.search(SearchQuery(tenantID: "acme", text: "debian"), mode: .text).results.first?.hit.url
                == server.url("/install"))

        embedders.embedder.release()
        let ready = try await DocumentPipelineTests.settled(service, created.id)
        #expect(ready.pipeline.semanticReadyAt != nil)
        #expect(try #require(ready.pipeline.semanticReadyAt) >= (try #require(ready.finishedAt)))
        #expect((try Self.json(ready)["ready_for"] as? [String: Bool]) == ["text_search": true, "semantic_search": true])
        await service.shutdown()
    }

    @Test func aRecrawlCountsAddsUpdatesAndUnchangedAndEmbedsOnlyTheNew() async throws {
        let version = Mutex(1)
        let server = try FixtureServer { request in
            var pages = DocumentPipelineTests.pages
            if version.withLock({ $0 }) == 2 {
                pages["/config"] = DocumentPipelineTests.page(
                    "Configuration", "<h2>Politeness</h2><p>Per-host delays now adapt to errors as well as latency.</p>")
                pages["/"] = DocumentPipelineTests.page("Welcome", "<p>Trawl is a web crawler for search and archives.</p>",
                                                        links: "<a href=/install>i</a> <a href=/config>c</a> <a href=/news>n</a>")
                pages["/news"] = DocumentPipelineTests.page("News", "<p>Version two brings adaptive politeness.</p>")
            }
            return FixtureSite(pages).response(for: request)
        }
        defer { server.stop() }
        let embedders = WordHashEmbedders()
        let (harness, service, job, created) = try await DocumentPipelineTests.start(DocumentPipelineTests.config(server), embedders: embedders)
        defer { harness.cleanUp() }
        let first = try await DocumentPipelineTests.settled(service, created.id)
        #expect(first.pipeline.documents.adds == 3)
        let embeddedOnce = embedders.embedder.embeddedCount

        version.withLock { $0 = 2 }
        let rerun = try await service.createRun(jobID: job.id, runID: nil, tenantID: "acme")
        let second = try await DocumentPipelineTests.settled(service, rerun.id)
        let documents = second.pipeline.documents
        #expect(documents.adds == 1 && documents.updates == 2 && documents.unchanged == 1, "\(documents)")
        // Only the changed and added pages were embedded again: the home page (new link), /config and /news.
        let listed = try await service.documents(DocumentQuery(runID: second.id), tenantID: "acme")
        let reembedded = listed.filter { $0.url != server.url("/install") }.reduce(0) { $0 + $1.chunks }
        #expect(embedders.embedder.embeddedCount - embeddedOnce == reembedded)
        #expect(second.pipeline.chunks.embedded == second.pipeline.chunks.created)
        let json = try Self.json(second)
        let counters = try #require(json["documents"] as? [String: Int])
        #expect(counters["adds"] == 1 && counters["updates"] == 2 && counters["unchanged"] == 1)
        await service.shutdown()
    }

    @Test func searchFiltersByJobAndLabelsOverTheStore() async throws {
        let server = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { server.stop() }
        let (harness, service, docs, first) = try await DocumentPipelineTests.start(DocumentPipelineTests.config(server),
                                                                   labels: ["team": "search"])
        defer { harness.cleanUp() }
        let (ads, second) = try await service.createJob(
            JobDraft(name: "ads", labels: ["team": "ads"], config: DocumentPipelineTests.config(server)),
            tenantID: "acme", startRun: true)
        _ = try await DocumentPipelineTests.settled(service, first.id)
        let secondRun = try await DocumentPipelineTests.settled(service, try #require(second).id)

        for mode in SearchMode.allCases {
            var all = SearchQuery(tenantID: "acme", text: "install packages with apt on debian")
            all.limit = 50
            let everything = Set(try await service.search(all, mode: mode).results.map(\.hit.runID))
            #expect(everything == [first.id, secondRun.id], "\(mode)")
            var byJob = all
            byJob.jobIDs = [ads.id]
            #expect(Set(try await service.search(byJob, mode: mode).results.map(\.hit.runID)) == [secondRun.id], "\(mode)")
            var byLabel = all
            byLabel.labels = ["team": "search"]
            #expect(Set(try await service.search(byLabel, mode: mode).results.map(\.hit.runID)) == [first.id], "\(mode)")
            byLabel.labels = ["team": "nobody"]
            #expect(try await service.search(byLabel, mode: mode).results.isEmpty, "\(mode)")
            var both = all
            both.jobIDs = [docs.id]
            both.labels = ["team": "ads"]
            #expect(try await service.search(both, mode: mode).results.isEmpty, "\(mode)")
        }
        await service.shutdown()
    }

    @Test func theEmbedderReadsWordsNotMarkdownAndResultsKeepTheMarkdown() async throws {
        var pages = DocumentPipelineTests.pages
        pages["/config"] = DocumentPipelineTests.page(
            "Configuration", "<p>Read <a href=\"/zebra-quagga/reference\">the <b>reference</b></a> for every option.</p>")
        let server = try FixtureServer(site: FixtureSite(pages))
        defer { server.stop() }
        let embedders = WordHashEmbedders()
        let (harness, service, _, created) = try await DocumentPipelineTests.start(DocumentPipelineTests.config(server), embedders: embedders)
        defer { harness.cleanUp() }
        let run = try await DocumentPipelineTests.settled(service, created.id)
        #expect(run.pipeline.semanticReadyAt != nil)
        // The embedder saw the words, not the link's target or the emphasis marks.
        let embedded = embedders.embedder.embeddedTexts
        #expect(embedded.contains { $0.contains("Read the reference for every option.") }, "\(embedded)")
        #expect(!embedded.contains { $0.contains("zebra") || $0.contains("**") || $0.contains("](") })
        // Results keep the chunk as Markdown, link included; a semantic hit's snippet is plain words.
        let semantic = try await service.search(SearchQuery(tenantID: "acme", text: "reference option"), mode: .semantic).results
        let config = try #require(semantic.first { $0.hit.url == server.url("/config") })
        #expect(config.hit.text.contains("](\(server.url("/zebra-quagga/reference")))"), "\(config.hit.text)")
        #expect(!config.hit.snippet.contains("zebra") && !config.hit.snippet.contains("]("), "\(config.hit.snippet)")
        // The full-text index reads the Markdown: a link's target is searchable (a module's anchor, a page's path).
        #expect(try await service.search(SearchQuery(tenantID: "acme", text: "zebra quagga"), mode: .text).results.first?.hit.url
                == server.url("/config"))
        await service.shutdown()
    }
}
