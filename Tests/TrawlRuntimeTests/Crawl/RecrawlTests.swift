import Foundation
import Testing
import TrawlCore
import TrawlExport
import TrawlRuntime
import TrawlTestSupport

/// A job's later runs ask only about what changed: conditional requests with the previous run's validators, 304s
/// and identical bodies stored as revisits of the earlier payload, documents carried forward without extraction or
/// embedding, and pages gone from the site counted as deletes. Over a real crawl, store and exporter.
@Suite struct RecrawlTests {
    static func page(_ title: String, _ words: String, links: [String] = []) -> FixtureResponse {
        .html("""
            <html lang="en"><head><title>\(title)</title></head><body>
            <main><h1>\(title)</h1><p>\(words)</p>\(links.map { "<a href=\"\($0)\">\($0)</a>" }.joined(separator: " "))</main>
            </body></html>
            """)
    }

    static let home = page("Home", "Welcome to the handbook.", links: ["/install", "/config", "/faq", "/about", "/logo.png"])

    static var pages: [String: FixtureResponse] {
        [
            "/": home,
            "/install": page("Installing", "Install the packages with apt, then build with swift."),
            "/config": page("Configuration", "The delay between requests adapts to latency."),
            "/faq": page("Questions", "Why is the sky blue? Rayleigh scattering of sunlight."),
            "/about": page("About", "Written by the crawler team."),
            "/logo.png": .bytes([0x89, 0x50, 0x4E, 0x47], contentType: "image/png"),
        ]
    }

    static let documentPaths = ["/", "/install", "/config", "/faq", "/about"]

    static func config(_ server: FixtureServer, recrawl: ConfigValue? = nil) -> ConfigValue {
        var fields: [(String, ConfigValue)] = [
            ("seeds", [["kind": "static_list", "params": ["urls": [.string(server.url("/"))]]]]),
            ("policies", [["kind": "robots_txt", "params": ["obey": false]]]),
            ("speed", ["kind": "fixed", "params": ["delay": "0s", "delay_factor": 0]]),
            ("stopping_criteria", [["kind": "max_empty_evaluations", "params": ["max_empty_evaluations": 2]]]),
        ]
        if let recrawl { fields.append(("recrawl", recrawl)) }
        return .object(fields)
    }

    /// A service over a fresh harness, a site, and a job whose first run has settled.
    struct Fixture {
        let site: RevalidatingSite
        let server: FixtureServer
        let embedders: WordHashEmbedders
        let harness: CrawlHarness
        let service: TrawlService
        let job: Job
        let first: Run

        init(recrawl: ConfigValue? = nil) async throws {
            site = RevalidatingSite(RecrawlTests.pages)
            let site = site
            server = try FixtureServer { site.response(for: $0) }
            embedders = WordHashEmbedders()
            let (harness, service, job, created) = try await DocumentPipelineTests.start(
                RecrawlTests.config(server, recrawl: recrawl), embedders: embedders)
            self.harness = harness
            self.service = service
            self.job = job
            first = try await DocumentPipelineTests.settled(service, created.id)
        }

        /// Starts the job's next run and waits for its pipeline; returns it with the requests it made.
        func recrawl() async throws -> (run: Run, requests: [FixtureRequest]) {
            let before = server.requests.count
            let created = try await service.createRun(jobID: job.id, runID: nil, tenantID: "acme")
            let run = try await DocumentPipelineTests.settled(service, created.id)
            return (run, Array(server.requests.dropFirst(before)))
        }

        func pages(_ run: Run) async throws -> [String: StoredPage] {
            Dictionary(uniqueKeysWithValues: try await harness.pages(run).map { (try CrawlURL($0.page.url).pathAndQuery, $0) })
        }

        func documents(_ run: Run) async throws -> [String: DocumentRecord] {
            var query = DocumentQuery(runID: run.id)
            query.limit = 100
            let listed = try await harness.runtime.store.documents(query)
            // A page taken in twice would list its URL twice: a failure that names the run's pages, not a trap.
            let urls = listed.map(\.url)
            if Set(urls).count != urls.count {
                let pages = try await harness.pages(run).map { "\($0.sequence) \($0.page.url) \($0.page.status)" }
                Issue.record("run \(run.id) lists a URL twice: \(urls); its pages: \(pages)")
            }
            return Dictionary(try listed.map { (try CrawlURL($0.url).pathAndQuery, $0) }, uniquingKeysWith: { first, _ in first })
        }

        func searchURLs(_ text: String, in run: Run) async throws -> [String] {
            var query = SearchQuery(tenantID: "acme", text: text)
            query.runIDs = [run.id]
            return try await service.search(query, mode: .text).results.map { try CrawlURL($0.hit.url).pathAndQuery }
        }

        func tearDown() async {
            await service.shutdown()
            server.stop()
            harness.cleanUp()
        }
    }

    @Test func anUnchangedSiteIsRevalidatedWithoutBodiesExtractionOrEmbedding() async throws {
        let fixture = try await Fixture()
        let first = fixture.first
        #expect(first.pipeline.documents.adds == 5 && first.progress.unchanged == 0)
        let embedded = fixture.embedders.embedder.embeddedCount

        let (second, requests) = try await fixture.recrawl()
        // Every URL the first run fetched is asked about with its validators, and answered 304.
        let asked = requests.filter { $0.target != "/robots.txt" }
        #expect(Set(asked.map(\.target)) == Set(Self.documentPaths + ["/logo.png"]))
        for request in asked {
            #expect(request.header("If-None-Match")?.hasPrefix("\"v") == true, "\(request.target) was not conditional")
            #expect(request.header("If-Modified-Since") != nil)
        }
        #expect(second.progress.fetched == 6 && second.progress.unchanged == 6 && second.progress.failed == 0)
        #expect(second.progress.httpStatus == ["304": 6])
        #expect(second.progress.bytesDownloaded < first.progress.bytesDownloaded / 2)

        // Stored once: the second run's pages point at the first run's bodies.
        let firstPages = try await fixture.pages(first)
        for (path, page) in try await fixture.pages(second) {
            let revisit = try #require(page.page.revisit, "\(path) is not a revisit")
            #expect(revisit.kind == .notModified && page.page.body.isEmpty && page.page.status == 304)
            #expect(revisit.payloadSequence == firstPages[path]?.sequence)
            #expect(page.contentSHA256 == firstPages[path]?.contentSHA256)
            #expect(page.page.etag == firstPages[path]?.page.etag)
        }
        // Carried forward: nothing extracted or embedded again, and the run is searchable on its own.
        let documents = second.pipeline.documents
        #expect(documents.unchanged == 5 && documents.adds == 0 && documents.updates == 0 && documents.deletes == 0)
        #expect(fixture.embedders.embedder.embeddedCount == embedded)
        #expect(second.pipeline.chunks.created == first.pipeline.chunks.created)
        #expect(second.pipeline.semanticReadyAt != nil)
        #expect(try await fixture.searchURLs("rayleigh scattering", in: second) == ["/faq"])
        await fixture.tearDown()
    }

    @Test func changedPagesBecomeUpdatesAndVanishedOnesDeletes() async throws {
        let fixture = try await Fixture()
        let embedded = fixture.embedders.embedder.embeddedCount
        // /install changes; /config answers 410; /faq is no longer linked; / changes (it drops the link).
        fixture.site.edit("/install", Self.page("Installing", "Install with the new installer script instead."))
        fixture.site.remove("/config", status: 410)
        fixture.site.edit("/", Self.page("Home", "Welcome to the handbook.", links: ["/install", "/config", "/about", "/logo.png"]))

        let (second, requests) = try await fixture.recrawl()
        #expect(!requests.contains { $0.target == "/faq" })
        let documents = second.pipeline.documents
        #expect(documents.updates == 2 && documents.unchanged == 1 && documents.adds == 0 && documents.deletes == 2,
                "\(documents); the crawl fetched \(second.progress.fetched): \(requests.map(\.target))")
        // The previous run's five documents are each updated, unchanged or deleted.
        #expect(documents.updates + documents.unchanged + documents.deletes == 5)
        let listed = try await fixture.documents(second)
        #expect(listed["/install"]?.change == .update && listed["/"]?.change == .update)
        #expect(listed["/about"]?.change == .unchanged)
        #expect(listed["/config"]?.change == .delete && listed["/config"]?.status == .deleted)
        #expect(listed["/faq"]?.change == .delete && listed["/faq"]?.status == .deleted && listed["/faq"]?.chunks == 0)
        // Only the two changed pages were embedded again.
        #expect(fixture.embedders.embedder.embeddedCount > embedded)
        #expect(second.pipeline.chunks.embedded == second.pipeline.chunks.created)

        // Search over the latest run no longer finds what is gone; the earlier run still has it.
        #expect(try await fixture.searchURLs("rayleigh scattering", in: second).isEmpty)
        #expect(try await fixture.searchURLs("latency", in: second).isEmpty)
        #expect(try await fixture.searchURLs("installer script", in: second).first == "/install")
        #expect(try await fixture.searchURLs("rayleigh scattering", in: fixture.first) == ["/faq"])

        // A page that comes back is an add again, not unchanged.
        fixture.site.edit("/", Self.home)
        let (third, _) = try await fixture.recrawl()
        let thirdListed = try await fixture.documents(third)
        #expect(thirdListed["/faq"]?.change == .add)
        // A page already gone is not deleted again.
        #expect(thirdListed["/config"] == nil && third.pipeline.documents.deletes == 0)
        await fixture.tearDown()
    }

    @Test func aPageThatFailsForNowIsNotDeleted() async throws {
        let fixture = try await Fixture()
        fixture.site.edit("/about", FixtureResponse.status(503))
        fixture.site.remove("/faq", status: 404)
        let (second, _) = try await fixture.recrawl()
        let documents = try await fixture.documents(second)
        #expect(documents["/faq"]?.change == .delete)
        #expect(documents["/about"] == nil, "a 503 says nothing about whether the page is gone")
        #expect(second.pipeline.documents.deletes == 1)
        await fixture.tearDown()
    }

    @Test func aRunStoppedByALimitCountsOnlyMissingPagesAsDeletes() async throws {
        let fixture = try await Fixture()
        fixture.site.remove("/config", status: 404)
        var config = Self.config(fixture.server)
        if case .object(var fields) = config {
            fields.removeAll { $0.0 == "stopping_criteria" }
            fields.append(("stopping_criteria", [["kind": "max_urls", "params": ["max_urls": 3]]]))
            config = .object(fields)
        }
        _ = try await fixture.service.updateJob(fixture.job.id, with: JobDraft(name: "docs", config: config), tenantID: "acme")
        let (second, _) = try await fixture.recrawl()
        #expect(second.stopReason == .maxURLs)
        // It did not look everywhere: only a page it saw answer 404 can be called gone.
        let documents = try await fixture.documents(second)
        let deleted = documents.filter { $0.value.change == .delete }.map(\.key)
        #expect(deleted.allSatisfy { $0 == "/config" })
        #expect(second.pipeline.documents.deletes == deleted.count)
        await fixture.tearDown()
    }

    @Test func anIdenticalBodyWithoutValidatorsIsStoredOnce() async throws {
        let fixture = try await Fixture()
        fixture.site.sendValidators(false)
        fixture.site.edit("/about", Self.page("About", "Written by the whole crawler team."))
        let (second, requests) = try await fixture.recrawl()
        // The validators of the first run are sent; this server no longer honours them.
        #expect(requests.allSatisfy { $0.header("If-None-Match") != nil })
        #expect(second.progress.httpStatus == ["200": 6] && second.progress.unchanged == 5)
        let pages = try await fixture.pages(second)
        for path in ["/", "/install", "/config", "/faq", "/logo.png"] {
            #expect(pages[path]?.page.revisit?.kind == .identicalPayload && pages[path]?.page.body.isEmpty == true, "\(path)")
        }
        #expect(pages["/about"]?.page.revisit == nil && pages["/about"]?.page.body.isEmpty == false)
        #expect(second.pipeline.documents.unchanged == 4 && second.pipeline.documents.updates == 1)
        await fixture.tearDown()
    }

    @Test func minAgeReusesRecentCopiesWithoutARequest() async throws {
        let fixture = try await Fixture(recrawl: ["kind": "conditional", "params": ["min_age": "1h"]])
        let (second, requests) = try await fixture.recrawl()
        #expect(requests.isEmpty, "\(requests.map(\.target))")
        // Every page still counts, its links still followed, from the stored copies.
        #expect(second.progress.reused == 6 && second.progress.fetched == 0 && second.progress.processed == 6)
        #expect(second.pipeline.documents.unchanged == 5)
        #expect(try await fixture.pages(second).values.allSatisfy { $0.page.revisit?.kind == .fresh })
        #expect(second.stopReason == .maxEmptyEvaluations)
        // A reused page keeps the time its copy was confirmed, so `min_age` runs out as it should.
        let firstPages = try await fixture.pages(fixture.first)
        for (path, page) in try await fixture.pages(second) {
            #expect(page.page.fetchedAt == firstPages[path]?.page.fetchedAt, "\(path)")
        }
        await fixture.tearDown()
    }

    @Test func reusedPagesBeyondTheQueueSizeAreAskedAboutInstead() async throws {
        // A page linking to 150 others and a queue of 100: the fresh URLs past it take the frontier's way and are
        // revalidated (this server sends no validators, so they come again in full, as identical payloads).
        let server = try FixtureServer(handler: Sites.tree(depth: 1, fanout: 150))
        defer { server.stop() }
        var config = Self.config(server, recrawl: ["kind": "conditional", "params": ["min_age": "1h"]])
        if case .object(var fields) = config {
            fields.append(("max_queue_size", 100))
            fields.append(("pipelines", []))
            config = .object(fields)
        }
        let (harness, service, job, created) = try await DocumentPipelineTests.start(config)
        defer { harness.cleanUp() }
        func finished(_ id: RunID) async throws -> Run {
            try await waitUntil("run \(id) to finish") { try await service.run(id, tenantID: "acme") } until: {
                $0.status == .finished
            }
        }
        let first = try await finished(created.id)
        let total = Sites.treeSize(depth: 1, fanout: 150)
        #expect(first.progress.fetched == total)
        let done = try await finished(try await service.createRun(jobID: job.id, runID: nil, tenantID: "acme").id)
        #expect(done.progress.processed == total && done.progress.failed == 0)
        #expect(done.progress.reused > 0 && done.progress.reused <= 101, "\(done.progress)")
        #expect(done.progress.fetched >= 50 && done.progress.unchanged == done.progress.fetched)
        #expect(done.progress.reused + done.progress.fetched == total)
        await service.shutdown()
    }

    @Test func reusedPagesBeyondTheQueuesBytesAreAskedAboutInstead() async throws {
        // The same with a queue size that holds all 151 and a byte budget that holds only some: long URLs must not
        // fill memory by way of the reuse queue either.
        let server = try FixtureServer(handler: Sites.tree(depth: 1, fanout: 150))
        defer { server.stop() }
        var config = Self.config(server, recrawl: ["kind": "conditional", "params": ["min_age": "1h"]])
        if case .object(var fields) = config {
            fields.append(("pipelines", []))
            config = .object(fields)
        }
        let harness = try await CrawlHarness { $0.tuning.maxQueueBytes = 8 << 10 }
        defer { harness.cleanUp() }
        let service = await harness.runtime.makeService()
        try await service.start()
        let (job, created) = try await service.createJob(JobDraft(name: "docs", config: config), tenantID: "acme",
                                                         startRun: true)
        func finished(_ id: RunID) async throws -> Run {
            try await waitUntil("run \(id) to finish") { try await service.run(id, tenantID: "acme") } until: {
                $0.status == .finished
            }
        }
        let first = try await finished(try #require(created).id)
        let total = Sites.treeSize(depth: 1, fanout: 150)
        #expect(first.progress.fetched == total)
        let done = try await finished(try await service.createRun(jobID: job.id, runID: nil, tenantID: "acme").id)
        #expect(done.progress.processed == total && done.progress.failed == 0)
        #expect(done.progress.reused > 0 && done.progress.reused < total - 50, "\(done.progress)")
        #expect(done.progress.unchanged == done.progress.fetched)
        #expect(done.progress.reused + done.progress.fetched == total)
        await service.shutdown()
    }

    @Test func aFullRecrawlFetchesEverythingAgain() async throws {
        let fixture = try await Fixture(recrawl: ["kind": "full"])
        let (second, requests) = try await fixture.recrawl()
        #expect(!requests.isEmpty && requests.allSatisfy { $0.header("If-None-Match") == nil && $0.header("If-Modified-Since") == nil })
        #expect(second.progress.unchanged == 0 && second.progress.httpStatus == ["200": 6])
        // The pipeline still sees that nothing changed.
        #expect(second.pipeline.documents.unchanged == 5)
        await fixture.tearDown()
    }

    @Test func exportsWriteRevisitsThatWarcioReadsAndFullExportsResolveThem() async throws {
        let fixture = try await Fixture()
        fixture.site.touch("/about")  // a new Last-Modified and ETag, the same bytes: an identical-payload revisit
        let (second, _) = try await fixture.recrawl()
        #expect(try await fixture.pages(second)["/about"]?.page.revisit?.kind == .identicalPayload)
        let exporter = fixture.harness.runtime.exporter

        let warc = fixture.harness.directory.appendingPathComponent("recrawl.warc").path
        var sink = try ByteSink.file(warc)
        #expect(try await exporter.exportWARC(second.id, to: sink, gzip: false, software: "Trawl/test") == 6)
        try sink.close()
        let check = try await WarcioCheck.run(warc)
        #expect(check.status == 0, "warcio: \(check.output)")
        #expect(check.output.contains("6 revisit"), "\(check.output)")
        let archive = try String(decoding: Data(contentsOf: URL(fileURLWithPath: warc)), as: UTF8.self)
        #expect(archive.contains("WARC-Profile: http://netpreserve.org/warc/1.1/revisit/server-not-modified"))
        #expect(archive.contains("WARC-Profile: http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"))
        #expect(archive.contains("WARC-Refers-To-Target-URI: \(fixture.server.url("/faq"))"))
        #expect(archive.contains("WARC-Refers-To-Date: "))
        #expect(archive.components(separatedBy: "WARC-Truncated: length").count == 2)  // the identical-payload one
        #expect(archive.components(separatedBy: "WARC-Payload-Digest: sha1:").count == 7)  // every revisit
        #expect(!archive.contains("Rayleigh"))  // no payload repeated

        let full = fixture.harness.directory.appendingPathComponent("full.warc").path
        sink = try ByteSink.file(full)
        #expect(try await exporter.exportWARC(second.id, to: sink, gzip: false, software: "Trawl/test", full: true) == 6)
        try sink.close()
        let fullCheck = try await WarcioCheck.run(full)
        #expect(fullCheck.status == 0 && fullCheck.output.contains("6 response"), "\(fullCheck.output)")
        #expect(try String(decoding: Data(contentsOf: URL(fileURLWithPath: full)), as: UTF8.self).contains("Rayleigh scattering"))

        let jsonl = fixture.harness.directory.appendingPathComponent("recrawl.jsonl").path
        sink = try ByteSink.file(jsonl)
        _ = try await exporter.exportJSONL(second.id, to: sink)
        try sink.close()
        let lines = try String(contentsOfFile: jsonl, encoding: .utf8).split(separator: "\n")
        let documents = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(documents.count == 6 && documents.allSatisfy { $0["unchanged"] as? Bool == true })
        let faq = try #require(documents.first { ($0["url"] as? String)?.hasSuffix("/faq") == true })
        #expect(faq["status"] as? Int == 200 && faq["revisit"] as? String == "not_modified")
        #expect((faq["text"] as? String)?.contains("Rayleigh scattering") == true)
        await fixture.tearDown()
    }

    @Test func deletingTheRunThatHoldsThePayloadsKeepsLaterRunsWhole() async throws {
        let fixture = try await Fixture()
        let (second, _) = try await fixture.recrawl()
        #expect(try await fixture.harness.runtime.store.deleteRun(fixture.first.id))
        // The payloads moved to the second run's pages, which now hold them.
        let pages = try await fixture.pages(second)
        let faq = try #require(pages["/faq"])
        let payload = try await fixture.harness.runtime.store.payloads([try #require(faq.page.revisit?.payloadSequence)])
        #expect(payload.values.first.map { String(decoding: $0.body, as: UTF8.self).contains("Rayleigh") } == true)
        #expect(try await exportedText(fixture.harness, second) != nil)
        // Its WARC holds the moved payloads as responses, and every revisit names a capture it holds.
        let warc = fixture.harness.directory.appendingPathComponent("after-delete.warc").path
        let sink = try ByteSink.file(warc)
        #expect(try await fixture.harness.runtime.exporter.exportWARC(second.id, to: sink, gzip: false, software: "Trawl/test") == 6)
        try sink.close()
        let check = try await WarcioCheck.run(warc)
        #expect(check.status == 0 && check.output.contains("6 response"), "\(check.output)")
        // The next run revisits the moved payloads.
        let (third, _) = try await fixture.recrawl()
        #expect(third.progress.unchanged == 6 && third.pipeline.documents.unchanged == 5)
        await fixture.tearDown()
    }

    @Test func aRunALaterRunMayStillReadCannotBeDeleted() async throws {
        let fixture = try await Fixture()
        // The next run's home page changed and comes slowly: that run is still crawling when the delete is asked for.
        fixture.site.edit("/", Self.home.behaving(.drip(bytesPerChunk: 16, interval: .milliseconds(200))))
        let created = try await fixture.service.createRun(jobID: fixture.job.id, runID: nil, tenantID: "acme")
        await #expect(throws: ServiceError.self) { try await fixture.service.deleteRun(fixture.first.id, tenantID: "acme") }
        #expect(try await fixture.service.run(fixture.first.id, tenantID: "acme").status == .finished)
        _ = try await fixture.service.stopRun(created.id, tenantID: "acme")
        // Once the later run is over, the earlier one can go.
        _ = try await DocumentPipelineTests.settled(fixture.service, created.id)
        try await fixture.service.deleteRun(fixture.first.id, tenantID: "acme")
        await fixture.tearDown()
    }

    @Test func aSitemapLastmodOlderThanTheLastFetchMeansNoRequest() async throws {
        let site = RevalidatingSite(Self.pages)
        let old = "2020-01-01", future = "2999-01-01"
        let sitemap = """
            <?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <url><loc>/install</loc><lastmod>\(old)</lastmod></url>
            <url><loc>/config</loc><lastmod>\(future)</lastmod></url>
            <url><loc>/about</loc></url>
            </urlset>
            """
        let server = try FixtureServer { request in
            request.target == "/sitemap.xml" ? .text(sitemap, contentType: "application/xml") : site.response(for: request)
        }
        defer { server.stop() }
        let config: ConfigValue = [
            "seeds": [["kind": "sitemap", "params": ["urls": [.string(server.url("/sitemap.xml"))]]]],
            "policies": [["kind": "robots_txt", "params": ["obey": false]]],
            "speed": ["kind": "fixed", "params": ["delay": "0s", "delay_factor": 0]],
            "stopping_criteria": [["kind": "max_depth", "params": ["max_depth": 0]]],
        ]
        let (harness, service, job, created) = try await DocumentPipelineTests.start(config)
        defer { harness.cleanUp() }
        _ = try await DocumentPipelineTests.settled(service, created.id)
        let before = server.requests.count
        let second = try await DocumentPipelineTests.settled(
            service, try await service.createRun(jobID: job.id, runID: nil, tenantID: "acme").id)
        let asked = server.requests.dropFirst(before).map(\.target).filter { $0 != "/sitemap.xml" }
        // /install's lastmod predates the last fetch: reused. /config's is later and /about has none: asked.
        #expect(asked.sorted() == ["/about", "/config"])
        #expect(second.progress.reused == 1 && second.progress.unchanged == 2)
        await service.shutdown()
    }
}

/// A hostile server's validators are not echoed back: a later run sends only short, visible ones.
@Suite struct RecrawlValidatorTests {
    @Test func oversizedValidatorsAreNotSentBack() async throws {
        let huge = "\"" + String(repeating: "x", count: 8_000) + "\""
        let server = try FixtureServer { request in
            RecrawlTests.page("Home", "Words.").adding(header: "ETag", huge).adding(header: "Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT")
        }
        defer { server.stop() }
        let (harness, service, job, created) = try await DocumentPipelineTests.start(RecrawlTests.config(server))
        defer { harness.cleanUp() }
        _ = try await DocumentPipelineTests.settled(service, created.id)
        let before = server.requests.count
        _ = try await DocumentPipelineTests.settled(service, try await service.createRun(jobID: job.id, runID: nil, tenantID: "acme").id)
        let again = try #require(server.requests.dropFirst(before).first { $0.target == "/" })
        #expect(again.header("If-None-Match") == nil)
        #expect(again.header("If-Modified-Since") == "Mon, 01 Jan 2024 00:00:00 GMT")
        await service.shutdown()
    }
}
