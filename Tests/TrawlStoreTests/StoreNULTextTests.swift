import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// U+0000 in what tenants send (names, labels, configs) and what the web sends (titles, text, reasons): PostgreSQL's
/// `text` cannot hold it and `jsonb` refuses the `\u0000` escape, and SQLite (through GRDB) cut a text at it. Every
/// backend stores it as U+FFFD instead, so a write never fails for it, nothing after it is lost, and every backend
/// answers alike.
@Suite struct StoreNULTextTests {
    /// `text` as every backend stores it.
    static func stored(_ text: String) -> String { text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") }

    @Test(arguments: StoreBackend.available)
    func tenantNamesLabelsAndConfigsWithNULAreStoredWithTheReplacementCharacter(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store, now = fixture.now
            var config = CrawlConfig(seeds: [.staticList(urls: ["https://example.com/"])])
            config.filters = [.urlPattern(allow: [], deny: ["*/se\u{0}cret/*"], defaultAllow: true)]
            // The escape spelt out (a backslash, then "u0000") is text, not a NUL: it stays as it is.
            let job = Job(tenantID: "acme", name: "night\u{0}ly \\u0000", labels: ["te\u{0}am": "do\u{0}cs", "plain": "\\u0000"],
                          config: config, createdAt: now, updatedAt: now)
            try await store.insertJob(job)

            let read = try #require(try await store.job(job.id, tenantID: "acme"))
            #expect(read.name == "night\u{FFFD}ly \\u0000")
            #expect(read.labels == ["te\u{FFFD}am": "do\u{FFFD}cs", "plain": "\\u0000"])
            #expect(read.config.filters.first == .urlPattern(allow: [], deny: ["*/se\u{FFFD}cret/*"], defaultAllow: true))
            // Filters spelt with the NUL find what was stored for them.
            var byName = JobQuery(tenantID: "acme")
            byName.names = [job.name]
            #expect(try await store.jobs(matching: byName).map(\.id) == [job.id])
            var byLabel = JobQuery(tenantID: "acme")
            byLabel.labels = ["te\u{0}am": "do\u{0}cs"]
            #expect(try await store.jobs(matching: byLabel).map(\.id) == [job.id])

            var renamed = read
            renamed.name = "re\u{0}named"
            try await store.updateJob(renamed)
            #expect(try await store.job(job.id, tenantID: "acme")?.name == "re\u{FFFD}named")

            // A run admitted under a labels rule, failed with an error that quotes a NUL.
            var run = Run(job: job, createdAt: now)
            #expect(try await store.admitRun(run, newJob: nil, under: [ExclusiveRule(by: .labels(keys: ["te\u{0}am"]), limit: 1)])
                == nil)
            let second = Run(job: job, createdAt: now.addingTimeInterval(1))
            let refusal = try await store.admitRun(second, newJob: nil, under: [ExclusiveRule(by: .labels(keys: ["te\u{0}am"]), limit: 1)])
            #expect(refusal?.activeRunIDs == [run.id])
            run.status = .finished
            run.error = RunError(code: "x", message: "bad \u{0} byte")
            try await store.updateRun(run)
            let failed = try #require(try await store.run(run.id))
            #expect(failed.labels == ["te\u{FFFD}am": "do\u{FFFD}cs", "plain": "\\u0000"])
            #expect(failed.error?.message == "bad \u{FFFD} byte")
            var runsByLabel = RunQuery(tenantID: "acme")
            runsByLabel.labels = ["te\u{0}am": "do\u{0}cs"]
            #expect(try await store.runs(matching: runsByLabel).count == 1)

            var trigger = try fixture.schedule(job, due: now)
            trigger.name = "tri\u{0}gger"
            try await store.insertTrigger(trigger)
            #expect(try await store.trigger(trigger.id, tenantID: "acme")?.name == "tri\u{FFFD}gger")
            trigger.name = "up\u{0}dated"
            try await store.updateTrigger(trigger)
            #expect(try await store.trigger(trigger.id, tenantID: "acme")?.name == "up\u{FFFD}dated")
            let execution = TriggerExecution(triggerID: trigger.id, tenantID: "acme", jobID: job.id, status: .skipped,
                                             runID: nil, reason: "full\u{0}", scheduledFor: now, createdAt: now)
            try await store.record(execution, firing: trigger)
            #expect(try await store.executions(of: trigger.id, after: nil, limit: 10).map(\.reason) == ["full\u{FFFD}"])
        }
    }

    @Test(arguments: StoreBackend.available)
    func crawledTextWithNULCommitsAndStaysSearchableByItsOtherWords(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store, now = fixture.now
            let job = try await fixture.makeJob()
            let run = Run(job: job, createdAt: now)
            try await store.insertRun(run)

            var batch = RunBatch(runID: run.id)
            batch.discovered.append(FrontierRecord(fingerprint: 1, url: "https://example.com/a", depth: 0, parentURL: nil,
                                                   state: .queued))
            batch.discovered.append(FrontierRecord(fingerprint: 2, url: "https://example.com/b", depth: 1,
                                                   parentURL: "https://example.com/a", state: .excluded, reason: "odd\u{0}reason"))
            batch.settled.append(FrontierSettlement(fingerprint: 1, state: .fetched, reason: "fine\u{0}", httpStatus: 200))
            var page = PageRecord(
                url: "https://example.com/a", depth: 0, parentURL: nil, fetchedAt: now, status: 200, contentType: "text/html",
                title: "Light\u{0}house", outlinks: ["https://example.com/b"], redirectTarget: nil, canonicalURL: nil,
                language: "en", noindex: false, requestHead: Array("GET / HTTP/1.1\r\n\r\n".utf8),
                responseHead: Array("HTTP/1.1 200 OK\r\n\r\n".utf8), body: Array("<title>Light\u{0}house</title>".utf8),
                truncated: false, ipAddress: "127.0.0.1", httpVersion: "1.1", durationMilliseconds: 3,
                warning: "nul\u{0}in title")
            page.etag = "\"e\u{0}\""
            batch.pages.append(page)
            batch.log.append(CrawlLogEntry(step: .fetch, status: .ok, url: "https://example.com/a", host: "example.com",
                                           depth: 0, httpStatus: 200, reason: "why\u{0}not", at: now))
            try await store.commit(batch)

            let pages = try await store.pages(of: run.id, after: 0, limit: 10)
            #expect(pages.map(\.page.title) == ["Light\u{FFFD}house"])
            #expect(pages.map(\.page.warning) == ["nul\u{FFFD}in title"])
            #expect(pages.map(\.page.etag) == ["\"e\u{FFFD}\""])
            // The body is bytes, kept as they came.
            #expect(pages.first?.page.body == Array("<title>Light\u{0}house</title>".utf8))
            #expect(try await store.logEntries(matching: RunLogQuery(runID: run.id)).map(\.reason) == ["why\u{FFFD}not"])
            var byReason = RunLogQuery(runID: run.id)
            byReason.reasons = ["why\u{0}not"]
            #expect(try await store.logEntries(matching: byReason).count == 1)
            let links = try await store.links(matching: RunLinkQuery(runID: run.id))
            #expect(Set(links.map(\.reason)) == ["fine\u{FFFD}", "odd\u{FFFD}reason"])

            let text = "the lighthouse\u{0}keeper trims the lamp"
            let writes = [
                DocumentWrite(pageSequence: pages[0].sequence, url: "https://example.com/a", title: "Light\u{0}house",
                              language: "en", canonicalURL: nil, contentSHA256: "a", change: .add,
                              content: .chunks([Chunk(index: 0, text: text, headingPath: ["Intro\u{0}", "Lamp"], start: 0,
                                                      end: text.count, tokenCount: 7, embeddingText: "lamp\u{0}room")])),
                DocumentWrite(pageSequence: pages[0].sequence, url: "https://example.com/b", title: nil, language: nil,
                              canonicalURL: nil, contentSHA256: "b", change: .add, content: .failed("broken\u{0}page")),
            ]
            _ = try await store.commitDocuments(writes, of: run.id, progress: PipelineProgress())

            for word in ["lighthouse", "keeper", "lamp", "keeper\u{0}"] {
                var query = SearchQuery(tenantID: "acme", text: word)
                query.runIDs = [run.id]
                let hits = try await store.textSearch(query)
                #expect(hits.map(\.url) == ["https://example.com/a"], "\(word)")
                #expect(hits.first?.title == "Light\u{FFFD}house")
                #expect(hits.first?.headingPath == ["Intro\u{FFFD}", "Lamp"])
                #expect(hits.first?.text == Self.stored(text))
            }
            let documents = try await store.documents(DocumentQuery(runID: run.id))
            #expect(documents.map(\.title) == ["Light\u{FFFD}house", nil])
            #expect(documents.map(\.error) == [nil, "broken\u{FFFD}page"])
            let pending = try await store.pendingChunks(of: run.id, limit: 10)
            #expect(pending.map(\.text) == ["lamp\u{FFFD}room"])
            _ = try await store.failDocuments(of: pending, reason: "model\u{0}down", of: run.id, progress: PipelineProgress())
            #expect(try await store.documents(DocumentQuery(runID: run.id)).map(\.error) == ["model\u{FFFD}down", "broken\u{FFFD}page"])
        }
    }
}
