import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// Full-text search over a real store of every backend: ranking the index alone first must give the same answer as
/// ranking the scope's matches, however narrow the scope.
@Suite struct StoreSearchTests {
    @Test(arguments: StoreBackend.available)
    func aNarrowScopeFindsItsMatchesBehindManyBetterOnesElsewhere(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            // 150 chunks that say "harbour" often, in another tenant and another job: more than the index's first
            // candidates, all ranked above the few the scope holds.
            _ = try await fixture.indexedRun("loud", texts: (0..<150).map { "harbour harbour harbour boats \($0)" })
            _ = try await fixture.indexedRun("other-tenant", tenant: "globex", texts: (0..<150).map { "harbour harbour harbour \($0)" })
            let quiet = try await fixture.indexedRun("quiet", labels: ["team": "docs"],
                                      texts: ["the harbour master and many other words of a longer page", "no match here",
                                              "a harbour, once, among a great many other words"])

            let expected = ["https://quiet.test/2", "https://quiet.test/0"]
            #expect(Set(try await fixture.urls("harbour") { $0.runIDs = [quiet.id] }) == Set(expected))
            #expect(Set(try await fixture.urls("harbour") { $0.jobIDs = [quiet.jobID] }) == Set(expected))
            #expect(Set(try await fixture.urls("harbour") { $0.labels = ["team": "docs"] }) == Set(expected))
            // The tenant's best are the loud job's; the other tenant's never show.
            let best = try await fixture.urls("harbour", limit: 20)
            #expect(best.count == 20 && best.allSatisfy { $0.hasPrefix("https://loud.test/") })
            #expect(try await fixture.urls("harbour", tenant: "globex", limit: 100).allSatisfy { $0.hasPrefix("https://other-tenant.test/") })
            // A page of 100 from the tenant's 152 matches ranks the loud job's 150 first, then the quiet ones.
            let all = try await fixture.urls("harbour", limit: 100)
            #expect(all.count == 100 && all.allSatisfy { $0.hasPrefix("https://loud.test/") })
            #expect(try await fixture.urls("zyzzyva") == [])
        }
    }

    /// Both stores drop the same English stop words from a query: they neither find nor rank anything, so a query
    /// of them alone finds nothing on either, and one with other words ranks as those words alone.
    @Test(arguments: StoreBackend.available)
    func stopWordsAreIgnoredAlikeOnEveryBackend(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            _ = try await fixture.indexedRun("docs", texts: [
                "how to moor a boat in the harbour", "the harbour master keeps the log", "to be or not to be",
                "what it is and what it was",
            ])
            #expect(try await fixture.urls("to be or not to be") == [])
            #expect(try await fixture.urls("What is it?") == [])
            let plain = try await fixture.urls("moor boat harbour")
            #expect(plain.first == "https://docs.test/0")
            #expect(try await fixture.urls("how do I moor a boat in the harbour") == plain)
            // The word limit counts words looked for, not stop words: a long question keeps its last content word.
            let rambling = Array(repeating: "what is it that the", count: 10).joined(separator: " ") + " harbour"
            #expect(Set(try await fixture.urls(rambling)) == ["https://docs.test/0", "https://docs.test/1"])
        }
    }

    @Test(arguments: StoreBackend.available)
    func aScopeWithEnoughOfTheBestIsAnsweredFromThemAndOneWithTooFewLooksFurther(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            // Best to worst: "reef" three times in three words, twice in four, once in ten. Equal texts tie, broken by
            // row ID (insertion order).
            let strong = "reef reef reef", medium = "reef reef sand shell", weak = "reef and nine other words of a page"
            let rich = try await fixture.indexedRun("rich", texts: Array(repeating: strong, count: 60))
            let crowd = try await fixture.indexedRun("crowd", texts: Array(repeating: medium, count: 150))
            let few = try await fixture.indexedRun("few", texts: Array(repeating: strong, count: 5) + Array(repeating: weak, count: 50))
            // The index's first 100 candidates hold 65 strong chunks and 35 medium ones.
            #expect(try await fixture.urls("reef") { $0.jobIDs = [rich.jobID] } == (0..<10).map { "https://rich.test/\($0)" })
            #expect(try await fixture.urls("reef", limit: 30) { $0.runIDs = [crowd.id] } == (0..<30).map { "https://crowd.test/\($0)" })
            // Five of "few" are among them, fewer than a page: its next best, far below, complete the page.
            #expect(try await fixture.urls("reef") { $0.runIDs = [few.id] } == (0..<10).map { "https://few.test/\($0)" })
        }
    }

    @Test(arguments: StoreBackend.available)
    func withoutNamedRunsEachJobIsSearchedAsItsLatestRunShowsIt(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store, now = fixture.now
            let older = try await fixture.indexedRun("nightly", texts: ["lighthouse keeper's log", "lighthouse lamp"])
            let job = try #require(try await store.job(older.jobID, tenantID: "acme"))
            // The next night: the same job, one page gone, one page changed.
            let newer = Run(job: job, createdAt: now.addingTimeInterval(86_400))
            try await store.insertRun(newer)
            let write = DocumentWrite(pageSequence: 0, url: "https://nightly.test/1", title: nil, language: "en", canonicalURL: nil,
                                      contentSHA256: "changed", change: .update,
                                      content: .chunks([Chunk(index: 0, text: "lighthouse lamp, now electric", headingPath: [],
                                                              start: 0, end: 29, tokenCount: 6)]))
            _ = try await store.commitDocuments([write], of: newer.id, progress: PipelineProgress())
            // A run that has not indexed anything yet does not hide the last one that did.
            try await store.insertRun(Run(job: job, createdAt: now.addingTimeInterval(2 * 86_400)))

            #expect(try await fixture.urls("lighthouse") == ["https://nightly.test/1"])
            #expect(try await fixture.urls("lighthouse") { $0.jobIDs = [job.id] } == ["https://nightly.test/1"])
            // Named runs are searched as they are.
            #expect(Set(try await fixture.urls("lighthouse") { $0.runIDs = [older.id] })
                == ["https://nightly.test/0", "https://nightly.test/1"])
            // A fully indexed run is preferred to a later one still indexing.
            var done = PipelineProgress()
            done.textIndexedAt = now
            try await store.savePipelineProgress(done, of: older.id)
            #expect(Set(try await fixture.urls("lighthouse")) == ["https://nightly.test/0", "https://nightly.test/1"])
        }
    }

    @Test(arguments: StoreBackend.available)
    func bothWaysOfRankingAgreeOnOrder(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let texts = ["kelp", "kelp kelp kelp", "kelp kelp and some other words", "kelp kelp"]
            // In both tenants the four sit behind 150 better matches of another job, so the joined query ranks them;
            // BM25's statistics are the whole index's. The first check's ranking is the reference for the second.
            _ = try await fixture.indexedRun("solo", tenant: "solo", texts: texts)
            let crowded = try await fixture.indexedRun("crowded", texts: texts)
            _ = try await fixture.indexedRun("loud", texts: (0..<150).map { _ in "kelp kelp kelp kelp" })
            // More occurrences in less text rank higher.
            let order = [1, 3, 0, 2]
            #expect(try await fixture.urls("kelp", tenant: "solo") == order.map { "https://solo.test/\($0)" })
            #expect(try await fixture.urls("kelp") { $0.runIDs = [crowded.id] } == order.map { "https://crowded.test/\($0)" })
        }
    }

    @Test(arguments: StoreBackend.available)
    func aRareWordOutranksACommonOneAndTheWordsOfALinkAreFound(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            // "tide" is on every page, "narwhal" on one: BM25's IDF puts one narwhal above three tides.
            let texts = ["tide tide tide and sand", "tide narwhal and sand and more"]
                + (0..<20).map { "tide pool \($0)" }
                + ["See [the guide](http://127.0.0.1:8080/zebra-quagga/reference) for the tide tables."]
            _ = try await fixture.indexedRun("sea", texts: texts)
            #expect(try await fixture.urls("tide narwhal").first == "https://sea.test/1")
            #expect(try await fixture.urls("narwhal tide").prefix(2) == ["https://sea.test/1", "https://sea.test/0"])
            // Words inside a URL, a path or an identifier are words of their own, as FTS5's tokenizer cuts them.
            #expect(try await fixture.urls("zebra quagga") == ["https://sea.test/22"])
            #expect(try await fixture.urls("Reference") == ["https://sea.test/22"])
        }
    }
}

extension StoreFixture {
    /// A run of a new job in `tenant` whose pages each hold one chunk of `texts`.
    func indexedRun(_ name: String, tenant: String = "acme", labels: [String: String] = [:], texts: [String]) async throws -> Run {
        let config = CrawlConfig(seeds: [.staticList(urls: ["https://example.com/"])])
        let job = Job(tenantID: tenant, name: name, labels: labels, config: config, createdAt: now, updatedAt: now)
        try await store.insertJob(job)
        let run = Run(job: job, createdAt: now)
        try await store.insertRun(run)
        let writes = texts.enumerated().map { index, text in
            DocumentWrite(pageSequence: Int64(index), url: "https://\(name).test/\(index)", title: nil, language: "en",
                          canonicalURL: nil, contentSHA256: "\(name)-\(index)", change: .add,
                          content: .chunks([Chunk(index: 0, text: text, headingPath: [], start: 0, end: text.count,
                                                  tokenCount: 8)]))
        }
        _ = try await store.commitDocuments(writes, of: run.id, progress: PipelineProgress())
        return run
    }

    func urls(_ text: String, tenant: String = "acme", limit: Int = 10, _ scope: (inout SearchQuery) -> Void = { _ in }) async throws -> [String] {
        var query = SearchQuery(tenantID: tenant, text: text)
        query.limit = limit
        scope(&query)
        return try await store.textSearch(query).map(\.url)
    }
}
