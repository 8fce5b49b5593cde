import Foundation
import Testing
import TrawlCore
import TrawlRuntime
import TrawlTestSupport

/// How the crawl treats links, robots.txt, redirects and duplicates, end to end.
@Suite struct CrawlBehaviourTests {
    @Test func robotsRulesKeepTheCrawlOutOfDisallowedPaths() async throws {
        let server = try FixtureServer(site: FixtureSite([
            "/robots.txt": .text("User-agent: *\nDisallow: /private/\nAllow: /private/ok\n\nUser-agent: otherbot\nDisallow: /\n"),
            "/": .html("<a href=/public>p</a><a href=/private/secret>s</a><a href=/private/ok>ok</a>"),
            "/public": .html("public"),
            "/private/secret": .html("secret"),
            "/private/ok": .html("ok"),
        ]))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")]))
        #expect(try await harness.fetchedPaths(run) == ["/", "/private/ok", "/public"])
        #expect(server.requestCount(path: "/private/secret") == 0)
        #expect(server.requestCount(path: "/robots.txt") == 1)
        #expect(run.progress.excluded == 1)
    }

    @Test func robotsCanBeIgnoredOnRequest() async throws {
        let server = try FixtureServer(site: FixtureSite([
            "/robots.txt": .text("User-agent: *\nDisallow: /\n"),
            "/": .html("<a href=/a>a</a>"),
            "/a": .html("a"),
        ]))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")], config: """
              policies: [{kind: robots_txt, params: {obey: false}}]
            """))
        #expect(try await harness.fetchedPaths(run) == ["/", "/a"])
        #expect(server.requestCount(path: "/robots.txt") == 0)
    }

    @Test func aRobotsTxtThatKeepsFailingExcludesItsOriginAfterBoundedRetries() async throws {
        let server = try FixtureServer { request in
            request.path == "/robots.txt" ? .status(503) : .html("<a href=/a>a</a>")
        }
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")]))
        #expect(run.stopReason == .emptySeed)
        #expect(server.requestCount(path: "/robots.txt") == 3)
        #expect(server.requestCount(path: "/") == 0)
        #expect(run.progress.excluded == 1)
    }

    @Test func robotsTxtRedirectsAreFollowed() async throws {
        let server = try FixtureServer(site: FixtureSite([
            "/robots.txt": .redirect(to: "/real-robots.txt"),
            "/real-robots.txt": .text("User-agent: trawl\nDisallow: /no\n"),
            "/": .html("<a href=/no>no</a><a href=/yes>yes</a>"),
            "/yes": .html("yes"),
            "/no": .html("no"),
        ]))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")]))
        #expect(try await harness.fetchedPaths(run) == ["/", "/yes"])
    }

    @Test func redirectsAreFollowedHopByHopAndRecorded() async throws {
        let server = try FixtureServer(site: FixtureSite([
            "/": .html("<a href=/old>old</a>"),
            "/old": .redirect(to: "/middle", status: 301),
            "/middle": .redirect(to: "/new", status: 302),
            "/new": .html("<title>New</title>new"),
        ]))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")]))
        let pages = try await harness.pages(run)
        #expect(pages.count == 4)
        let old = try #require(pages.first { $0.page.url.hasSuffix("/old") })
        #expect(old.page.status == 301)
        #expect(old.page.redirectTarget == server.url("/middle"))
        let new = try #require(pages.first { $0.page.url.hasSuffix("/new") })
        #expect(new.page.depth == 1)
        #expect(new.page.title == "New")
    }

    @Test func endlessRedirectsStopAtTheLimit() async throws {
        let server = try FixtureServer { request in
            guard request.path.hasPrefix("/loop/") else { return .html("<a href=/loop/0>loop</a>") }
            let n = Int(request.path.dropFirst(6)) ?? 0
            return .redirect(to: "/loop/\(n + 1)")
        }
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")], config: """
              stopping_criteria: [{kind: max_urls, params: {max_urls: 100}}]
            """).replacingOccurrences(of: "max_retries: 1", with: "max_retries: 1, max_redirects: 5"))
        #expect(run.stopReason == .maxEmptyEvaluations)
        #expect(server.requests.filter { $0.path.hasPrefix("/loop/") }.count == 6)
        #expect(run.progress.excluded == 1)
    }

    @Test func redirectsOutOfScopeAreNotFollowed() async throws {
        let server = try FixtureServer(site: FixtureSite([
            "/": .html("<a href=/away>away</a>"),
            "/away": .redirect(to: "http://elsewhere.invalid/"),
        ]))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")]))
        #expect(run.progress.fetched == 2)
        #expect(run.progress.excluded == 1)
    }

    @Test func twoSpellingsOfOneURLAreFetchedOnce() async throws {
        let server = try FixtureServer { request in
            switch request.target {
            case "/":
                // The absolute spelling names the server's own host and port, as the client sent them.
                let host = request.header("Host") ?? "127.0.0.1"
                return .html("""
                    <a href="/a/./b/../c?x=%7e">1</a><a href="HTTP://\(host.uppercased())/a/c?x=~#frag">2</a>
                    <a href="/a/c?x=%7E">3</a><a href=" /a/c?x=~ ">4</a>
                    """)
            case "/a/c?x=~": return .html("c")
            default: return .notFound
            }
        }
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/"), server.url("/#top")]))
        #expect(server.requestCount(path: "/a/c?x=~") == 1)
        #expect(server.requestCount(path: "/") == 1)
        #expect(run.progress.fetched == 2)
    }

    @Test func nofollowLinksAndPagesAreNotFollowed() async throws {
        let server = try FixtureServer(site: FixtureSite([
            "/": .html("<a href=/a rel=nofollow>a</a><a href=/b>b</a><a href=/c>c</a>"),
            "/b": .html("<meta name=robots content=nofollow><a href=/d>d</a>"),
            "/c": .html("<meta name=robots content=noindex>c"),
            "/a": .html("a"), "/d": .html("d"),
        ]))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")]))
        #expect(try await harness.fetchedPaths(run) == ["/", "/b", "/c"])
        let pages = try await harness.pages(run)
        #expect(pages.first { $0.page.url.hasSuffix("/c") }?.page.noindex == true)
        #expect(pages.first { $0.page.url.hasSuffix("/") }?.page.outlinks.contains(server.url("/a")) == true)
    }

    @Test func scopeKeepsTheCrawlOnTheSeedHostAndFiltersApply() async throws {
        let server = try FixtureServer(site: FixtureSite([
            "/": .html("<a href=http://other.invalid/x>x</a><a href=/docs/a>a</a><a href=/blog/b>b</a><a href=/docs/c.pdf>c</a>"),
            "/docs/a": .html("a"), "/blog/b": .html("b"), "/docs/c.pdf": .bytes([1, 2, 3], contentType: "application/pdf"),
        ]))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")], config: """
              filters:
                - {kind: scope, params: {scope: host}}
                - {kind: regex_patterns, params: {allow: ["/docs/", "/$"], deny: ["\\\\.pdf$"], default_allow: false}}
            """))
        #expect(try await harness.fetchedPaths(run) == ["/", "/docs/a"])
        #expect(run.progress.excluded == 3)
    }

    @Test func budgetCapsURLsPerHost() async throws {
        let server = try FixtureServer(handler: Sites.tree(depth: 2, fanout: 5))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")], config: """
              filters: [{kind: budget, params: {max_per_host: 4}}]
            """))
        #expect(run.progress.fetched == 4)
    }

    @Test func depthRankerStillHonoursMaxDepth() async throws {
        let server = try FixtureServer(handler: Sites.tree(depth: 3, fanout: 2))
        defer { server.stop() }
        let harness = try await CrawlHarness()
        defer { harness.cleanUp() }
        let run = try await harness.crawl(CrawlHarness.manifest(seeds: [server.url("/")], config: """
              ranker: {kind: depth}
              stopping_criteria: [{kind: max_depth, params: {max_depth: 2}}]
            """))
        #expect(run.stopReason == .maxDepth)
        #expect(run.progress.fetched == Sites.treeSize(depth: 2, fanout: 2))
    }
}
