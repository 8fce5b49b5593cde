import Testing
@testable import TrawlCore

@Suite struct FrontierTests {
    let start = ContinuousClock.now

    func entry(_ url: String, depth: Int = 0) -> FrontierEntry {
        FrontierEntry(url: try! CrawlURL(url), depth: depth, parentURL: nil)
    }

    func frontier(ranker: Ranker = .breadth, perHost: Int = 2, delay: Duration = .zero, robots: Bool = false) -> Frontier {
        Frontier(ranker: ranker,
                 politeness: Politeness(minimum: delay, maximum: .seconds(30), factor: 0, perHostConcurrency: perHost),
                 obeyRobots: robots)
    }

    @Test func breadthTakesShallowestFirst() {
        var f = frontier(perHost: 10)
        f.push(entry("http://a.test/deep", depth: 2), now: start)
        f.push(entry("http://a.test/top", depth: 0), now: start)
        f.push(entry("http://a.test/mid", depth: 1), now: start)
        let order = (0..<3).compactMap { _ -> String? in
            if case .page(let e) = f.next(now: start) { return e.url.path } else { return nil }
        }
        #expect(order == ["/top", "/mid", "/deep"])
    }

    @Test func depthTakesDeepestNewestFirst() {
        var f = frontier(ranker: .depth, perHost: 10)
        f.push(entry("http://a.test/d1a", depth: 1), now: start)
        f.push(entry("http://a.test/d2", depth: 2), now: start)
        f.push(entry("http://a.test/d1b", depth: 1), now: start)
        let order = (0..<3).compactMap { _ -> String? in
            if case .page(let e) = f.next(now: start) { return e.url.path } else { return nil }
        }
        #expect(order == ["/d2", "/d1b", "/d1a"])
    }

    @Test func perHostConcurrencyIsEnforcedAndReleasedOnCompletion() {
        var f = frontier(perHost: 2)
        for i in 0..<5 { f.push(entry("http://a.test/\(i)"), now: start) }
        #expect(f.next(now: start) != nil)
        #expect(f.next(now: start) != nil)
        #expect(f.next(now: start) == nil)
        #expect(f.inFlight(try! CrawlURL("http://a.test/").origin) == 2)
        f.completed(try! CrawlURL("http://a.test/").origin, duration: .milliseconds(1), now: start)
        #expect(f.next(now: start) != nil)
        #expect(f.count == 2)
    }

    @Test func delaySpacesRequestsToOneOriginButNotOthers() {
        var f = frontier(perHost: 5, delay: .seconds(1))
        f.push(entry("http://a.test/1"), now: start)
        f.push(entry("http://a.test/2"), now: start)
        f.push(entry("http://b.test/1"), now: start)
        var hosts: [String] = []
        while case .page(let e)? = f.next(now: start) { hosts.append(e.url.host) }
        #expect(hosts.sorted() == ["a.test", "b.test"])
        #expect(f.nextWakeUp == start + .seconds(1))
        guard case .page(let later)? = f.next(now: start + .seconds(1)) else {
            Issue.record("a.test should be ready after its delay")
            return
        }
        #expect(later.url.path == "/2")
    }

    @Test func roundRobinAcrossOrigins() {
        var f = frontier(perHost: 10)
        for i in 0..<3 { f.push(entry("http://a.test/\(i)"), now: start) }
        for i in 0..<3 { f.push(entry("http://b.test/\(i)"), now: start) }
        var hosts: [String] = []
        while case .page(let e)? = f.next(now: start) { hosts.append(e.url.host) }
        #expect(hosts == ["a.test", "b.test", "a.test", "b.test", "a.test", "b.test"])
    }

    @Test func robotsAreFetchedBeforePagesAndGateThem() {
        var f = frontier(perHost: 5, robots: true)
        f.push(entry("http://a.test/private/x"), now: start)
        f.push(entry("http://a.test/public"), now: start)
        let origin = try! CrawlURL("http://a.test/").origin
        #expect(f.next(now: start) == .robots(origin))
        #expect(f.next(now: start) == nil)
        #expect(f.isFetchingRobots)
        let rules = RobotsRules(parsing: Array("User-agent: *\nDisallow: /private\n".utf8), productToken: "trawl")
        f.robotsResolved(origin, rules: rules, now: start)
        #expect(f.next(now: start) == .disallowed(entry("http://a.test/private/x"), .robots))
        #expect(f.next(now: start) == .page(entry("http://a.test/public")))
    }

    /// A URL whose verdict would cost more than the match budget is not fetched, and says why.
    @Test func aRobotsVerdictTooCostlyToReachIsItsOwnExclusion() throws {
        var f = frontier(perHost: 5, robots: true)
        let slowPath = "http://a.test/" + String(repeating: "a", count: 2000)
        f.push(entry(slowPath), now: start)
        f.push(entry("http://a.test/p"), now: start)
        let origin = try CrawlURL("http://a.test/").origin
        #expect(f.next(now: start) == .robots(origin))
        let slow = (0..<450).map { "Disallow: /*" + String(repeating: "a", count: 1000 + $0) + "b\n" }.joined()
        f.robotsResolved(origin, rules: RobotsRules(parsing: Array(("User-agent: *\n" + slow).utf8), productToken: "trawl"),
                         now: start)
        #expect(f.next(now: start) == .disallowed(entry(slowPath), .robotsTooCostly))
        #expect(f.next(now: start) == .page(entry("http://a.test/p")))
    }

    @Test func robotsRetryThenUnavailableDrainsTheOrigin() {
        var f = frontier(perHost: 5, robots: true)
        f.push(entry("http://a.test/1"), now: start)
        f.push(entry("http://a.test/2"), now: start)
        let origin = try! CrawlURL("http://a.test/").origin
        #expect(f.next(now: start) == .robots(origin))
        f.robotsRetry(origin, at: start + .seconds(2), now: start)
        #expect(f.next(now: start + .seconds(1)) == nil)
        #expect(f.next(now: start + .seconds(2)) == .robots(origin))
        let drained = f.robotsUnavailable(origin)
        #expect(drained.count == 2)
        #expect(f.count == 0)
        #expect(f.isUnavailable(origin))
    }

    @Test func redirectTargetsJumpTheQueue() {
        var f = frontier(perHost: 10)
        f.push(entry("http://a.test/1"), now: start)
        f.push(entry("http://a.test/target"), atFront: true, now: start)
        guard case .page(let first)? = f.next(now: start) else { Issue.record("expected a page"); return }
        #expect(first.url.path == "/target")
    }

    @Test func backOffHoldsAnOrigin() {
        var f = frontier(perHost: 10)
        f.push(entry("http://a.test/1"), now: start)
        f.push(entry("http://a.test/2"), now: start)
        guard case .page? = f.next(now: start) else { Issue.record("expected a page"); return }
        let origin = try! CrawlURL("http://a.test/").origin
        f.backOff(origin, until: start + .seconds(5), now: start)
        f.completed(origin, duration: nil, now: start)
        #expect(f.next(now: start + .seconds(4)) == nil)
        #expect(f.next(now: start + .seconds(5)) != nil)
    }
}

extension FrontierTests {
    @Test func robotsRulesAreRefetchedAfterADay() {
        var f = frontier(perHost: 5, robots: true)
        let origin = try! CrawlURL("http://a.test/").origin
        f.push(entry("http://a.test/1"), now: start)
        f.push(entry("http://a.test/2"), now: start)
        #expect(f.next(now: start) == .robots(origin))
        f.robotsResolved(origin, rules: .allowAll, now: start)
        #expect(f.next(now: start) == .page(entry("http://a.test/1")))
        f.completed(origin, duration: .zero, now: start)
        let tomorrow = start + .seconds(24 * 3600)
        #expect(f.next(now: tomorrow) == .robots(origin))
        #expect(f.next(now: tomorrow) == nil)
        f.robotsResolved(origin, rules: .disallowAll, now: tomorrow)
        #expect(f.next(now: tomorrow) == .disallowed(entry("http://a.test/2"), .robots))
    }
}

extension FrontierTests {
    @Test func robotsFetchesInFlightAreCounted() {
        var f = frontier(perHost: 5, robots: true)
        for host in ["a", "b", "c"] { f.push(entry("http://\(host).test/"), now: start) }
        var robots = 0
        while case .robots? = f.next(now: start) { robots += 1 }
        #expect(robots == 3)
        #expect(f.robotsInFlight == 3)
        f.robotsResolved(try! CrawlURL("http://a.test/").origin, rules: .allowAll, now: start)
        #expect(f.robotsInFlight == 2)
    }
}
