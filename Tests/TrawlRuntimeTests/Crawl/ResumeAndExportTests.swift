import Foundation
import Synchronization
import Testing
import TrawlCore
import TrawlExport
import TrawlRuntime
import TrawlTestSupport

/// Pausing, resuming after a stop, and exporting what a run fetched.
@Suite struct ResumeAndExportTests {
    @Test func aPausedRunResumesWithoutRefetchingAnything() async throws {
        // The site holds every request after the first twelve until the test has paused the run: a starved test
        // task must not let the crawl finish before its pause.
        let gate = RequestGate(admitting: 12)
        let server = try FixtureServer { request in
            gate.admit()
            var response = Sites.tree(depth: 3, fanout: 4)(request)
            response.behavior = .drip(bytesPerChunk: 4096, interval: .milliseconds(30))
            return response
        }
        defer { gate.open(); server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let yaml = CrawlHarness.manifest(seeds: [server.url("/")])
            .replacingOccurrences(of: "concurrency: 16, per_host_concurrency: 8", with: "concurrency: 2, per_host_concurrency: 2")
            // Held requests must outlast a slow pause rather than time out and be tried again (a repeat the pause
            // did not cause): a loaded PostgreSQL pass once took over 5 s to show the pages written.
            .replacingOccurrences(of: "timeout: 5s", with: "timeout: 120s")
        let created = try await harness.createRun(yaml)
        let engine = harness.runtime.engine(for: created)
        let store = harness.runtime.store
        Task {
            // Pause once a few pages are written (polling, so a loaded machine cannot make this flaky).
            for _ in 0..<400 {
                if let run = try await store.run(created.id), run.progress.fetched >= 5 { break }
                try await Task.sleep(for: .milliseconds(25))
            }
            engine.pause()
        }
        let paused = await engine.run()
        gate.open()
        #expect(paused.status == .paused)
        #expect(paused.stopReason == nil)
        let fetchedBefore = paused.progress.fetched
        #expect(fetchedBefore > 0 && fetchedBefore < Sites.treeSize(depth: 3, fanout: 4))

        let stored = try #require(try await harness.runtime.store.run(created.id))
        let finished = await harness.runtime.engine(for: stored).run()
        #expect(finished.status == .finished)
        #expect(finished.stopReason == .maxEmptyEvaluations)
        #expect(finished.progress.fetched == Sites.treeSize(depth: 3, fanout: 4))
        let pages = try await harness.pages(finished)
        #expect(Set(pages.map(\.page.url)).count == pages.count)
        #expect(pages.count == Sites.treeSize(depth: 3, fanout: 4))
        // Only requests abandoned by the pause were made twice.
        let repeated = Dictionary(grouping: server.requests.filter { $0.path != "/robots.txt" }, by: \.target)
            .filter { $0.value.count > 1 }
        #expect(repeated.count <= 2)
    }

    @Test func aRunFoundRunningAfterACrashResumesFromItsFrontier() async throws {
        let server = try FixtureServer(handler: Sites.tree(depth: 2, fanout: 3))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let first = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")], config: """
              stopping_criteria: [{kind: max_urls, params: {max_urls: 5}}]
            """))
        #expect(first.progress.fetched == 5)
        // Simulate a crash: the row says running, as a killed process would have left it.
        var crashed = first
        crashed.status = .running
        crashed.stopReason = nil
        crashed.finishedAt = nil
        var config = crashed.config
        config.stopping.maxURLs = nil
        crashed.config = config
        try await harness.runtime.store.updateRun(crashed)
        let resumed = await harness.runtime.engine(for: crashed).run()
        #expect(resumed.progress.fetched == Sites.treeSize(depth: 2, fanout: 3))
        let counts = Dictionary(grouping: server.requests.filter { $0.path != "/robots.txt" }, by: \.target).mapValues(\.count)
        #expect(counts.values.allSatisfy { $0 == 1 })
    }

    @Test func jsonlExportHasTheDocumentFields() async throws {
        let server = try FixtureServer(site: FixtureSite([
            "/": .html("<html lang=en><head><title>Home</title></head><body><p>Hello <b>world</b></p><a href=/moved>m</a></body></html>"),
            "/moved": .redirect(to: "/final"),
            "/final": .html("<title>Final</title><p>Landed</p>"),
        ]))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")]))
        let path = harness.directory.appendingPathComponent("out.jsonl").path
        let sink = try ByteSink.file(path)
        let count = try await harness.runtime.exporter.exportJSONL(run.id, to: sink)
        try sink.close()
        #expect(count == 2)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let documents = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let home = try #require(documents.first { ($0["title"] as? String) == "Home" })
        for key in ["url", "final_url", "status", "content_type", "depth", "parent_url", "fetched_at", "title", "text",
                    "outlinks", "content_sha256"] {
            #expect(home.keys.contains(key), "missing \(key)")
        }
        #expect(home["depth"] as? Int == 0)
        #expect((home["text"] as? String)?.contains("Hello world") == true)
        #expect(home["outlinks"] as? [String] == [server.url("/moved")])
        #expect((home["content_sha256"] as? String)?.count == 64)
        let final = try #require(documents.first { ($0["title"] as? String) == "Final" })
        #expect(final["url"] as? String == server.url("/moved"))
        #expect(final["final_url"] as? String == server.url("/final"))
        #expect(final["parent_url"] as? String == server.url("/"))
        #expect(final["depth"] as? Int == 1)
    }

    @Test func warcExportPassesWarcio() async throws {
        let server = try FixtureServer(site: FixtureSite([
            "/": .html("<title>Home</title><a href=/z>z</a><a href=/r>r</a>").gzipped(),
            "/z": .bytes(Array(repeating: 7, count: 3000), contentType: "application/octet-stream"),
            "/r": .redirect(to: "/"),
        ]))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")]))
        for gzip in [false, true] {
            let path = harness.directory.appendingPathComponent(gzip ? "out.warc.gz" : "out.warc").path
            let sink = try ByteSink.file(path)
            let count = try await harness.runtime.exporter.exportWARC(run.id, to: sink, gzip: gzip, software: "Trawl/test")
            try sink.close()
            #expect(count == 3)
            let check = try await WarcioCheck.run(path)
            #expect(check.status == 0, "warcio rejected \(path): \(check.output)")
        }
    }

    @Test func markdownExportWritesOneFilePerPage() async throws {
        let server = try FixtureServer(site: FixtureSite([
            "/": .html("<title>Home \"quoted\"</title><p>One</p><p>Two</p><a href=/b>b</a>"),
            "/b": .html("<title>B</title>b"),
        ]))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")]))
        let folder = harness.directory.appendingPathComponent("md").path
        #expect(try await harness.runtime.exporter.exportMarkdown(run.id, toDirectory: folder) == 2)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.count == 2)
        let home = try files.map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
            .first { $0.contains("Home") }
        let text = try #require(home)
        #expect(text.hasPrefix("---\nurl: \"\(server.url("/"))\"\ntitle: \"Home \\\"quoted\\\"\"\nfetched_at: \""))
        #expect(text.contains("One\n\nTwo"))
    }

    @Test func nonUTF8PagesAreDecoded() async throws {
        let latin1: [UInt8] = Array("<html><head><title>Caf".utf8) + [0xE9] + Array("</title></head><body>na".utf8) + [0xEF]
            + Array("ve</body></html>".utf8)
        let server = try FixtureServer(site: FixtureSite([
            "/": .bytes(latin1, contentType: "text/html; charset=iso-8859-1"),
        ]))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")]))
        let page = try #require(try await harness.pages(run).first)
        #expect(page.page.title == "Café")
        let text = try #require(try await exportedText(harness, run))
        #expect(text.contains("naïve"))
    }
}

/// The `text` of the first JSONL document a run exports.
func exportedText(_ harness: CrawlHarness, _ run: Run) async throws -> String? {
    let path = harness.directory.appendingPathComponent("text-\(UUID().uuidString).jsonl").path
    let sink = try ByteSink.file(path)
    _ = try await harness.runtime.exporter.exportJSONL(run.id, to: sink)
    try sink.close()
    let line = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first.map(String.init) ?? ""
    return (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["text"] as? String
}

/// Lets the first `limit` requests through and holds the rest (each on its own connection thread) until opened.
private final class RequestGate: Sendable {
    private let state = Mutex((admitted: 0, open: false))
    private let limit: Int

    init(admitting limit: Int) { self.limit = limit }

    func admit() {
        while !state.withLock({ state in
            guard state.open || state.admitted < limit else { return false }
            state.admitted += 1
            return true
        }) {
            usleep(5_000)
        }
    }

    func open() { state.withLock { $0.open = true } }
}
