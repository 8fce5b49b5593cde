import Testing
@testable import TrawlCore

/// The robots.txt rules a crawl holds across origins stay within a memory budget: a wide crawl, or a host that answers
/// on many ports with a 512 KiB robots.txt each, must not grow the process by ~0.8 MB per origin without end.
@Suite struct FrontierRobotsMemoryTests {
    let start = ContinuousClock.now
    /// 200 rules: large enough that a budget of two such files is a few tens of kilobytes.
    let rules = RobotsRules(
        parsing: Array(("User-agent: *\n" + (0..<200).map { "Disallow: /private-\($0)/\n" }.joined()).utf8),
        productToken: "trawl")

    func origin(_ host: String) -> Origin { try! CrawlURL("http://\(host).test/").origin }

    /// A frontier whose rules budget holds two copies of `rules`, not three.
    func frontier() -> Frontier {
        var frontier = Frontier(
            ranker: .breadth,
            politeness: Politeness(minimum: .zero, maximum: .seconds(30), factor: 0, perHostConcurrency: 4),
            obeyRobots: true)
        frontier.robotsMemoryBudget = 2 * rules.footprint + rules.footprint / 2
        return frontier
    }

    /// Queues one page of `host`, installs its rules and fetches the page; `completing` leaves it idle.
    func crawlOnePage(_ host: String, in frontier: inout Frontier, completing: Bool = true) -> Int {
        frontier.push(FrontierEntry(url: try! CrawlURL("http://\(host).test/page"), depth: 0, parentURL: nil), now: start)
        #expect(frontier.next(now: start) == .robots(origin(host)))
        let dropped = frontier.robotsResolved(origin(host), rules: rules, now: start)
        guard case .page? = frontier.next(now: start) else {
            Issue.record("\(host): no page handed out")
            return dropped
        }
        if completing { frontier.completed(origin(host), duration: .zero, now: start) }
        return dropped
    }

    /// What the frontier hands out next for a new URL of `host`: `.robots` once its rules were dropped.
    func nextFor(_ host: String, in frontier: inout Frontier) -> Frontier.Work? {
        frontier.push(FrontierEntry(url: try! CrawlURL("http://\(host).test/more"), depth: 0, parentURL: nil), now: start)
        return frontier.next(now: start)
    }

    @Test func footprintCountsWhatTheRulesHold() {
        let patterns = (0..<200).reduce(0) { $0 + "/private-\($1)/".utf8.count }
        #expect(rules.footprint >= patterns + 200 * 16)
        let listed = RobotsRules(
            parsing: Array(("Sitemap: http://a.test/" + String(repeating: "s", count: 10_000) + "\n").utf8),
            productToken: "trawl")
        #expect(listed.footprint > 10_000)
        #expect(listed.withoutSitemaps.footprint < 1_000)
        #expect(listed.withoutSitemaps.sitemaps.isEmpty)
    }

    @Test func theRulesInstalledLongestAgoAreDroppedPastTheBudget() {
        var f = frontier()
        #expect(crawlOnePage("a", in: &f) == 0)
        #expect(crawlOnePage("b", in: &f) == 0)
        #expect(crawlOnePage("c", in: &f) == 1)
        #expect(f.robotsFootprint <= f.robotsMemoryBudget)
        #expect(nextFor("a", in: &f) == .robots(origin("a")))
        #expect(nextFor("b", in: &f) == .page(FrontierEntry(url: try! CrawlURL("http://b.test/more"), depth: 0,
                                                             parentURL: nil)))
    }

    @Test func rulesOfAnOriginWithARequestInFlightAreKept() {
        var f = frontier()
        _ = crawlOnePage("a", in: &f, completing: false)
        _ = crawlOnePage("b", in: &f)
        #expect(crawlOnePage("c", in: &f) == 1)
        // a's page is still in flight, so b (installed later, idle) gave its rules up instead.
        #expect(nextFor("b", in: &f) == .robots(origin("b")))
        f.completed(origin("a"), duration: .zero, now: start)
        #expect(nextFor("a", in: &f) == .page(FrontierEntry(url: try! CrawlURL("http://a.test/more"), depth: 0,
                                                             parentURL: nil)))
    }

    @Test func idleOriginsGiveUpTheirRulesBeforeOriginsWithQueuedURLs() {
        var f = frontier()
        // a installs its rules with two pages queued and none taken yet.
        for path in ["/1", "/2"] {
            f.push(FrontierEntry(url: try! CrawlURL("http://a.test\(path)"), depth: 0, parentURL: nil), now: start)
        }
        #expect(f.next(now: start) == .robots(origin("a")))
        f.robotsResolved(origin("a"), rules: rules, now: start)
        let later = start + .seconds(60)
        f.backOff(origin("a"), until: later, now: start)
        _ = crawlOnePage("b", in: &f)
        #expect(crawlOnePage("c", in: &f) == 1)
        #expect(nextFor("b", in: &f) == .robots(origin("b")))
        #expect(f.next(now: later) == .page(FrontierEntry(url: try! CrawlURL("http://a.test/1"), depth: 0,
                                                           parentURL: nil)))
    }

    @Test func manyOriginsStayWithinTheBudget() {
        var f = frontier()
        for index in 0..<500 { _ = crawlOnePage("host\(index)", in: &f) }
        #expect(f.robotsFootprint <= f.robotsMemoryBudget)
    }
}
