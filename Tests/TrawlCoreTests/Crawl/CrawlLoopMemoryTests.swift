import Foundation
import Logging
import Testing
import TrawlCore
import TrawlTestSupport

/// The crawl loop's own logic on an in-memory store, a scripted fetcher and a stand-in parser: no socket, no file, no
/// libxml2, so each test runs in milliseconds. The same behaviours are tested end to end on real stores and servers in
/// the runtime's tests; these pin down the loop.
@Suite struct CrawlLoopMemoryTests {
    /// A site of `count` pages at http://site.test/N, page N linking to 2N+1 and 2N+2 (a binary tree, depth log2).
    static func tree(_ count: Int) -> [String: ScriptedFetcher.Answer] {
        var answers: [String: ScriptedFetcher.Answer] = [:]
        for page in 0..<count {
            let links = [2 * page + 1, 2 * page + 2].filter { $0 < count }
                .map { #"<a href="/\#($0)">\#($0)</a>"# }.joined()
            answers["http://site.test/\(page)"] = .init(body: "<title>Page \(page)</title>\(links)")
        }
        return answers
    }

    /// Stops nothing on sitemaps: no test here seeds from one.
    struct NoSitemaps: SitemapParsing {
        func parseSitemap(_ body: [UInt8]) throws(SitemapError) -> SitemapDocument { throw .notASitemap("not in these tests") }
    }

    /// Crawls the scripted site from page 0 with `adjust` applied to the config; the finished run and the store.
    func crawl(_ fetcher: ScriptedFetcher, _ adjust: (inout CrawlConfig) -> Void = { _ in },
               tune: (inout EngineTuning) -> Void = { _ in }) async throws -> (run: Run, store: MemoryCrawlStore) {
        var config = CrawlConfig(seeds: [.staticList(urls: ["http://site.test/0"])])
        config.speed.delay = .zero
        config.speed.delayFactor = 0
        config.speed.concurrency = 4
        config.speed.perHostConcurrency = 4
        config.stopping.maxEmptyEvaluations = 2
        adjust(&config)
        let job = Job(tenantID: "acme", name: "site", labels: [:], config: config, createdAt: Date(), updatedAt: Date())
        let run = Run(job: job, createdAt: Date())
        let store = MemoryCrawlStore()
        try await store.insert(run)
        var logger = Logger(label: "trawl-test-loop")
        logger.logLevel = .critical
        var tuning = EngineTuning()
        tuning.tick = .milliseconds(5)
        tuning.flushInterval = .milliseconds(10)
        tune(&tuning)
        let dependencies = CrawlDependencies(fetcher: fetcher, htmlParser: HrefListParser(), sitemapParser: NoSitemaps(),
                                             store: store, logger: logger)
        let final = await CrawlEngine(run: run, dependencies: dependencies, tuning: tuning).run()
        return (final, store)
    }

    @Test func aSiteIsCrawledOnceEachPageStoredAndEveryURLSettled() async throws {
        let fetcher = ScriptedFetcher(Self.tree(31))
        let (run, store) = try await crawl(fetcher)
        #expect(run.status == .finished && run.stopReason == .maxEmptyEvaluations)
        #expect(run.progress.fetched == 31 && run.progress.processed == 31 && run.progress.failed == 0)
        let pages = await store.pages(of: run.id)
        #expect(Set(pages.map(\.page.url)) == Set((0..<31).map { "http://site.test/\($0)" }))
        #expect(pages.map(\.sequence) == pages.map(\.sequence).sorted())
        // robots.txt once, each page once.
        #expect(fetcher.requested.filter { $0.hasSuffix("/robots.txt") }.count == 1)
        #expect(fetcher.requested.filter { !$0.hasSuffix("/robots.txt") }.sorted() == pages.map(\.page.url).sorted())
        // The frontier holds each URL once, every one settled as fetched; the stored state is the run's.
        let frontier = await store.frontier(of: run.id)
        #expect(frontier.count == 31 && frontier.allSatisfy { $0.state == .fetched && $0.httpStatus == 200 })
        #expect(await store.run(run.id) == run)
    }

    @Test func maxURLsStopsAtExactlyTheLimit() async throws {
        let fetcher = ScriptedFetcher(Self.tree(63))
        let (run, store) = try await crawl(fetcher) { $0.stopping.maxURLs = 10 }
        #expect(run.stopReason == .maxURLs)
        #expect(run.progress.processed == 10)
        #expect(await store.pages(of: run.id).count == 10)
        #expect(fetcher.requested.filter { !$0.hasSuffix("/robots.txt") }.count == 10)
    }

    @Test func maxDepthKeepsDeeperURLsKnownButUnfetched() async throws {
        let fetcher = ScriptedFetcher(Self.tree(63))
        let (run, store) = try await crawl(fetcher) { $0.stopping.maxDepth = 2 }
        #expect(run.stopReason == .maxDepth)
        // Depths 0, 1 and 2: 1 + 2 + 4 pages; their links at depth 3 are recorded beyond the limit.
        #expect(run.progress.fetched == 7)
        let frontier = await store.frontier(of: run.id)
        #expect(frontier.filter { $0.state == .beyondDepth }.count == 8)
        #expect(frontier.filter { $0.state == .fetched }.map(\.depth).max() == 2)
    }

    @Test func aFrontierLargerThanMemorySpillsAndEveryURLStillComesBack() async throws {
        let fetcher = ScriptedFetcher(Self.tree(200))
        let (run, store) = try await crawl(fetcher) { $0.maxQueueSize = 8 }
        #expect(run.stopReason == .maxEmptyEvaluations)
        #expect(run.progress.fetched == 200)
        let frontier = await store.frontier(of: run.id)
        #expect(frontier.count == 200 && frontier.allSatisfy { $0.state == .fetched })
        #expect(Set(fetcher.requested.filter { !$0.hasSuffix("/robots.txt") }).count == 200)
        #expect(fetcher.requested.count == 201)
    }

    /// A page can name any number of links, and each can resolve to a URL of up to 8 KiB: past its link budget a page
    /// keeps the links it had, in document order, and says so on the page and in the run log.
    @Test func aPageKeepsNoMoreLinksThanItsBudget() async throws {
        var answers: [String: ScriptedFetcher.Answer] = [:]
        answers["http://site.test/0"] = .init(body: (1...300).map { #"<a href="/\#($0)">x</a>"# }.joined())
        for page in 1...300 { answers["http://site.test/\(page)"] = .init(body: "leaf") }
        let (run, store) = try await crawl(ScriptedFetcher(answers), tune: { $0.linkBudget = LinkBudget(maxLinks: 50) })
        #expect(run.progress.discovered == 51 && run.progress.fetched == 51)
        let first = try #require(await store.pages(of: run.id).first { $0.page.url == "http://site.test/0" }?.page)
        #expect(first.outlinks == (1...50).map { "http://site.test/\($0)" })
        #expect(first.warning == LinkBudget.reason)
        let parse = await store.log(of: run.id).filter { $0.step == .parse && $0.url == "http://site.test/0" }
        #expect(parse.map(\.reason) == [LinkBudget.reason] && parse.map(\.status) == [.ok])

        // Bytes count as well as links: 20 links of ~1 KB fit 8 KB eight at a time.
        let long = String(repeating: "a", count: 1000)
        answers["http://site.test/0"] = .init(body: (1...20).map { #"<a href="/\#($0)/\#(long)">x</a>"# }.joined())
        let (bytesRun, bytesStore) = try await crawl(ScriptedFetcher(answers), { $0.stopping.maxURLs = 1 },
                                                     tune: { $0.linkBudget = LinkBudget(maxLinks: 1000, maxBytes: 8 * 1024) })
        let cut = try #require(await bytesStore.pages(of: bytesRun.id).first?.page)
        #expect(cut.outlinks.count == 8 && cut.warning == LinkBudget.reason)
        #expect(cut.outlinks.reduce(0) { $0 + $1.utf8.count } <= 8 * 1024)
    }

    /// URL filters are a tenant's patterns, matched against every link of every page: a filter that costs milliseconds
    /// per long URL (RE2 on its NFA) and a page of such links must not hold the page's parse for minutes. Past its time
    /// budget the page keeps the links it judged, and says why on the page and in the run log.
    @Test func aPageStopsJudgingLinksWhenItsTimeRunsOut() async throws {
        let long = String(repeating: "a", count: 1_500)
        var answers: [String: ScriptedFetcher.Answer] = [:]
        answers["http://site.test/0"] = .init(body: (1...300).map { #"<a href="/\#(long)\#($0)">x</a>"# }.joined())
        let costly = "[ab]*a" + String(repeating: "[ab]", count: 240) + "c"
        let (run, store) = try await crawl(ScriptedFetcher(answers), {
            $0.stopping.maxURLs = 1
            $0.filters = [.regex(allow: [], deny: Array(repeating: costly, count: 40), defaultAllow: true)]
        }, tune: { $0.linkBudget = LinkBudget(maxTime: .milliseconds(100)) })
        let first = try #require(await store.pages(of: run.id).first?.page)
        #expect(first.warning == LinkBudget.timeReason)
        #expect(first.outlinks.count < 300, "\(first.outlinks.count) links judged")
        let parse = await store.log(of: run.id).filter { $0.step == .parse }
        #expect(parse.map(\.reason) == [LinkBudget.timeReason] && parse.map(\.status) == [.ok])
        // Well within what judging all 300 links would have taken (seconds).
        #expect(try #require(parse.first?.latencyMilliseconds) < 2_000)
    }

    /// The frontier's memory is bounded in bytes as well as in URLs: long URLs wait on disk past `maxQueueBytes` and
    /// come back as room frees up, each fetched once.
    @Test func longURLsWaitOnDiskPastTheFrontiersByteBudget() async throws {
        // Under the trap guard's 2,048-byte URL limit, ~3 KB of frontier each: about 20 fit the budget below.
        let long = String(repeating: "p", count: 1500)
        var answers: [String: ScriptedFetcher.Answer] = [:]
        answers["http://site.test/0"] = .init(body: (1...60).map { #"<a href="/\#($0)/\#(long)">x</a>"# }.joined())
        for page in 1...60 { answers["http://site.test/\(page)/\(long)"] = .init(body: "leaf") }
        let budget: (inout EngineTuning) -> Void = { $0.maxQueueBytes = 64 << 10 }

        // Stopped after the first pages: the URLs past the budget are still on disk.
        let (stopped, stoppedStore) = try await crawl(ScriptedFetcher(answers), { $0.stopping.maxURLs = 2 }, tune: budget)
        let waiting = await stoppedStore.frontier(of: stopped.id).filter { $0.state == .spilled }
        #expect(waiting.count >= 30)
        // Without the byte budget all 40 fit the count (100,000) and none waits on disk.
        let (roomy, roomyStore) = try await crawl(ScriptedFetcher(answers)) { $0.stopping.maxURLs = 2 }
        #expect(await roomyStore.frontier(of: roomy.id).allSatisfy { $0.state != .spilled })

        let fetcher = ScriptedFetcher(answers)
        let (run, store) = try await crawl(fetcher, tune: budget)
        #expect(run.stopReason == .maxEmptyEvaluations && run.progress.fetched == 61)
        #expect(await store.frontier(of: run.id).allSatisfy { $0.state == .fetched })
        #expect(fetcher.requested.filter { !$0.hasSuffix("/robots.txt") }.count == 61)
    }

    @Test func errorsAndMissingPagesAreSettledWithTheirStatus() async throws {
        var answers = Self.tree(7)
        answers["http://site.test/3"] = .init(status: 500, contentType: "text/plain", body: "broken")
        answers["http://site.test/4"] = nil
        let (run, store) = try await crawl(ScriptedFetcher(answers)) { $0.fetcher.maxRetries = 0 }
        let frontier = await store.frontier(of: run.id)
        let byURL = Dictionary(uniqueKeysWithValues: frontier.map { ($0.url, $0) })
        #expect(byURL["http://site.test/4"]?.httpStatus == 404)
        #expect(byURL["http://site.test/3"]?.httpStatus == 500)
        #expect(byURL["http://site.test/6"]?.state == .fetched)
        #expect(frontier.allSatisfy { $0.state != .queued && $0.state != .spilled })
        #expect(run.progress.httpStatus["404"] == 1 && run.progress.httpStatus["500"] == 1)
    }
}
