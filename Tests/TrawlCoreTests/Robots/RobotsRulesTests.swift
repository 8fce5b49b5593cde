import Testing
import TrawlCore

/// One pattern, one path, and whether the pattern should match it.
struct RobotsPatternCase: Sendable, CustomTestStringConvertible {
    let pattern: String
    let path: String
    let matches: Bool

    var testDescription: String { "\(pattern) \(matches ? "matches" : "does not match") \(path)" }

    /// Whether the pattern, alone as a Disallow rule, blocks the path.
    var isBlocked: Bool { !RobotsRules("User-agent: *\nDisallow: \(pattern)\n").isAllowed(path) }
}

@Suite("RobotsRules matching")
struct RobotsRulesTests {
    // RFC 9309 §5.1.
    static let rfcSimpleExample = """
        User-Agent: *
        Disallow: *.gif$
        Disallow: /example/
        Allow: /publications/

        User-Agent: foobot
        Disallow:/
        Allow:/example/page.html
        Allow:/example/allowed.gif

        User-Agent: barbot
        User-Agent: bazbot
        Disallow: /example/page.html

        User-Agent: quxbot

        EOF
        """

    @Test func rfcExampleFoobotGetsOnlyItsAllowedPages() {
        let rules = RobotsRules(Self.rfcSimpleExample, agent: "foobot")
        #expect(rules.isAllowed("/example/page.html"))
        #expect(rules.isAllowed("/example/allowed.gif"))
        #expect(!rules.isAllowed("/example/other.html"))
        #expect(!rules.isAllowed("/publications/"))
        #expect(!rules.isAllowed("/"))
    }

    @Test(arguments: ["barbot", "bazbot"])
    func rfcExampleSharedGroupAppliesToEachAgent(agent: String) {
        let rules = RobotsRules(Self.rfcSimpleExample, agent: agent)
        #expect(!rules.isAllowed("/example/page.html"))
        #expect(rules.isAllowed("/example/other.html"))
        // A named group replaces the `*` group entirely.
        #expect(rules.isAllowed("/image.gif"))
    }

    @Test func rfcExampleEmptyGroupAllowsEverythingWithoutFallingBackToStar() {
        let rules = RobotsRules(Self.rfcSimpleExample, agent: "quxbot")
        #expect(rules.isAllowed("/example/"))
        #expect(rules.isAllowed("/image.gif"))
        #expect(rules == .allowAll)
    }

    @Test func rfcExampleOtherAgentsFollowTheStarGroup() {
        let rules = RobotsRules(Self.rfcSimpleExample, agent: "Trawl")
        #expect(!rules.isAllowed("/image.gif"))
        #expect(!rules.isAllowed("/deep/down/image.gif"))
        #expect(rules.isAllowed("/image.gif?size=2"))
        #expect(!rules.isAllowed("/example/anything"))
        #expect(rules.isAllowed("/publications/paper.html"))
        // `/publications/` (14 octets) is more specific than `*.gif$` (6 octets).
        #expect(rules.isAllowed("/publications/figure.gif"))
        #expect(rules.isAllowed("/other"))
    }

    @Test func rfcLongestMatchExample() {
        let rules = RobotsRules("""
            User-Agent: foobot
            Allow: /example/page/
            Disallow: /example/page/disallowed.gif
            """, agent: "foobot")
        #expect(rules.isAllowed("/example/page/"))
        #expect(rules.isAllowed("/example/page/other.gif"))
        #expect(!rules.isAllowed("/example/page/disallowed.gif"))
    }

    // Google's documented path-matching examples for robots.txt.
    static let googleMatchingExamples: [RobotsPatternCase] = [
        RobotsPatternCase(pattern: "/", path: "/", matches: true),
        RobotsPatternCase(pattern: "/", path: "/any/thing?x=1", matches: true),
        RobotsPatternCase(pattern: "/*", path: "/any/thing", matches: true),
        RobotsPatternCase(pattern: "/$", path: "/", matches: true),
        RobotsPatternCase(pattern: "/$", path: "/index.html", matches: false),
        RobotsPatternCase(pattern: "/$", path: "/?a=b", matches: false),
        RobotsPatternCase(pattern: "/fish", path: "/fish", matches: true),
        RobotsPatternCase(pattern: "/fish", path: "/fish.html", matches: true),
        RobotsPatternCase(pattern: "/fish", path: "/fish/salmon.html", matches: true),
        RobotsPatternCase(pattern: "/fish", path: "/fishheads", matches: true),
        RobotsPatternCase(pattern: "/fish", path: "/fishheads/yummy.html", matches: true),
        RobotsPatternCase(pattern: "/fish", path: "/fish.php?id=anything", matches: true),
        RobotsPatternCase(pattern: "/fish", path: "/Fish.asp", matches: false),
        RobotsPatternCase(pattern: "/fish", path: "/catfish", matches: false),
        RobotsPatternCase(pattern: "/fish", path: "/?id=fish", matches: false),
        RobotsPatternCase(pattern: "/fish", path: "/desert/fish", matches: false),
        RobotsPatternCase(pattern: "/fish*", path: "/fish", matches: true),
        RobotsPatternCase(pattern: "/fish*", path: "/fishheads/yummy.html", matches: true),
        RobotsPatternCase(pattern: "/fish*", path: "/fish.php?id=anything", matches: true),
        RobotsPatternCase(pattern: "/fish*", path: "/Fish.asp", matches: false),
        RobotsPatternCase(pattern: "/fish*", path: "/catfish", matches: false),
        RobotsPatternCase(pattern: "/fish/", path: "/fish/", matches: true),
        RobotsPatternCase(pattern: "/fish/", path: "/fish/?id=anything", matches: true),
        RobotsPatternCase(pattern: "/fish/", path: "/fish/salmon.htm", matches: true),
        RobotsPatternCase(pattern: "/fish/", path: "/fish", matches: false),
        RobotsPatternCase(pattern: "/fish/", path: "/fish.html", matches: false),
        RobotsPatternCase(pattern: "/fish/", path: "/animals/fish/", matches: false),
        RobotsPatternCase(pattern: "/fish/", path: "/Fish/Salmon.asp", matches: false),
        RobotsPatternCase(pattern: "/*.php", path: "/index.php", matches: true),
        RobotsPatternCase(pattern: "/*.php", path: "/filename.php", matches: true),
        RobotsPatternCase(pattern: "/*.php", path: "/folder/filename.php", matches: true),
        RobotsPatternCase(pattern: "/*.php", path: "/folder/filename.php?parameters", matches: true),
        RobotsPatternCase(pattern: "/*.php", path: "/folder/any.php.file.html", matches: true),
        RobotsPatternCase(pattern: "/*.php", path: "/filename.php/", matches: true),
        RobotsPatternCase(pattern: "/*.php", path: "/", matches: false),
        RobotsPatternCase(pattern: "/*.php", path: "/windows.PHP", matches: false),
        RobotsPatternCase(pattern: "/*.php$", path: "/filename.php", matches: true),
        RobotsPatternCase(pattern: "/*.php$", path: "/folder/filename.php", matches: true),
        RobotsPatternCase(pattern: "/*.php$", path: "/filename.php?parameters", matches: false),
        RobotsPatternCase(pattern: "/*.php$", path: "/filename.php/", matches: false),
        RobotsPatternCase(pattern: "/*.php$", path: "/filename.php5", matches: false),
        RobotsPatternCase(pattern: "/*.php$", path: "/windows.PHP", matches: false),
        RobotsPatternCase(pattern: "/fish*.php", path: "/fish.php", matches: true),
        RobotsPatternCase(pattern: "/fish*.php", path: "/fishheads/catfish.php?parameters", matches: true),
        RobotsPatternCase(pattern: "/fish*.php", path: "/Fish.PHP", matches: false),
    ]

    @Test(arguments: googleMatchingExamples)
    func googleMatchingExample(_ example: RobotsPatternCase) {
        #expect(example.isBlocked == example.matches)
    }

    static let wildcardEdgeCases: [RobotsPatternCase] = [
        RobotsPatternCase(pattern: "*", path: "/anything", matches: true),
        RobotsPatternCase(pattern: "/**/x", path: "/a/b/x", matches: true),
        RobotsPatternCase(pattern: "/a*b*c", path: "/a-b-b-c", matches: true),
        RobotsPatternCase(pattern: "/a*b*c", path: "/a-c-b", matches: false),
        RobotsPatternCase(pattern: "/a*bc$", path: "/abcbc", matches: true),
        RobotsPatternCase(pattern: "/a*bc$", path: "/abcb", matches: false),
        RobotsPatternCase(pattern: "/ab*b$", path: "/ab", matches: false),
        RobotsPatternCase(pattern: "/x*$", path: "/x/y", matches: true),
        RobotsPatternCase(pattern: "/price$list", path: "/price$list", matches: true),
        RobotsPatternCase(pattern: "/price$list", path: "/price", matches: false),
        RobotsPatternCase(pattern: "relative", path: "/relative", matches: false),
    ]

    @Test(arguments: wildcardEdgeCases)
    func wildcardAndAnchorEdgeCase(_ example: RobotsPatternCase) {
        #expect(example.isBlocked == example.matches)
    }

    @Test func moreSpecificAllowBeatsShorterDisallow() {
        let rules = RobotsRules("User-agent: *\nAllow: /p\nDisallow: /\n")
        #expect(rules.isAllowed("/page"))
        #expect(!rules.isAllowed("/other"))
    }

    @Test func equallySpecificAllowWinsTheTie() {
        let rules = RobotsRules("User-agent: *\nDisallow: /folder\nAllow: /folder\n")
        #expect(rules.isAllowed("/folder/page"))
    }

    @Test func longerWildcardDisallowBeatsShorterAllow() {
        let rules = RobotsRules("User-agent: *\nAllow: /page\nDisallow: /*.html\n")
        #expect(!rules.isAllowed("/page.html"))
        #expect(rules.isAllowed("/page.php"))
    }

    @Test func anchoredRootAllowOnlyFreesTheRoot() {
        let rules = RobotsRules("User-agent: *\nAllow: /$\nDisallow: /\n")
        #expect(rules.isAllowed("/"))
        #expect(!rules.isAllowed("/page.htm"))
    }

    @Test func longerRuleWinsRegardlessOfFileOrder() {
        let rules = RobotsRules("User-agent: *\nDisallow: /a/b/\nAllow: /a/\n")
        #expect(!rules.isAllowed("/a/b/c"))
        #expect(rules.isAllowed("/a/c"))
    }

    @Test func equivalentEncodingsTieSoAllowWins() {
        let rules = RobotsRules("User-agent: *\nDisallow: /%C3%A4\nAllow: /ä\n")
        #expect(rules.isAllowed("/ä"))
    }

    @Test func nonASCIIPatternMatchesEncodedPathAndBack() {
        let raw = RobotsRules("User-agent: *\nDisallow: /ä\n")
        #expect(!raw.isAllowed("/%C3%A4"))
        #expect(!raw.isAllowed("/%c3%a4/x"))
        #expect(!raw.isAllowed("/ä"))
        let encoded = RobotsRules("User-agent: *\nDisallow: /%C3%A4\n")
        #expect(!encoded.isAllowed("/ä"))
        #expect(encoded.isAllowed("/a"))
    }

    @Test func unreservedEscapesAreDecodedOnBothSides() {
        #expect(!RobotsRules("User-agent: *\nDisallow: /%7Euser\n").isAllowed("/~user/page"))
        #expect(!RobotsRules("User-agent: *\nDisallow: /~user\n").isAllowed("/%7euser/page"))
        // RFC 9309 §2.2.2's table: /foo/bar/%62%61%7A is /foo/bar/baz.
        #expect(!RobotsRules("User-agent: *\nDisallow: /foo/bar/baz\n").isAllowed("/foo/bar/%62%61%7A"))
    }

    @Test func reservedEscapesStayDistinctFromTheirCharacter() {
        let rules = RobotsRules("User-agent: *\nDisallow: /a%2Fb\n")
        #expect(rules.isAllowed("/a/b"))
        #expect(!rules.isAllowed("/a%2fb"))
    }

    @Test func encodedOperatorsInPatternsMatchLiteralCharacters() {
        // RFC 9309 §2.2.3: patterns spell a literal `*` or `$` percent-encoded.
        let star = RobotsRules("User-agent: *\nDisallow: /path/file-with-a-%2A.html\n")
        #expect(!star.isAllowed("/path/file-with-a-*.html"))
        #expect(star.isAllowed("/path/file-with-a-x.html"))
        let dollar = RobotsRules("User-agent: *\nDisallow: /path/foo-%24\n")
        #expect(!dollar.isAllowed("/path/foo-$"))
        #expect(dollar.isAllowed("/path/foo-"))
    }

    @Test func characterNotAllowedInURIsMatchesItsEscape() {
        let rules = RobotsRules("User-agent: *\nDisallow: /a b\nDisallow: /100%\n")
        #expect(!rules.isAllowed("/a%20b"))
        #expect(!rules.isAllowed("/a b"))
        #expect(!rules.isAllowed("/100%25"))
    }

    @Test func queryIsPartOfTheMatchedPath() {
        let rules = RobotsRules("User-agent: *\nDisallow: /*?\nAllow: /search?q=public\n")
        #expect(!rules.isAllowed("/list?page=2"))
        #expect(rules.isAllowed("/list"))
        #expect(rules.isAllowed("/search?q=public&lang=en"))
        #expect(!rules.isAllowed("/search?q=private"))
    }

    @Test func robotsTxtIsAlwaysAllowed() {
        let rules = RobotsRules("User-agent: *\nDisallow: /\n")
        #expect(rules.isAllowed("/robots.txt"))
        #expect(rules.isAllowed("/robots.txt?refresh=1"))
        #expect(!rules.isAllowed("/robots.txt.bak"))
        #expect(RobotsRules.disallowAll.isAllowed("/robots.txt"))
    }

    @Test func disallowAllForbidsEverythingElse() {
        #expect(!RobotsRules.disallowAll.isAllowed("/"))
        #expect(!RobotsRules.disallowAll.isAllowed("/any/page?q=1"))
        #expect(RobotsRules.disallowAll.crawlDelay == nil)
        #expect(RobotsRules.disallowAll.sitemaps.isEmpty)
    }

    @Test func allowAllAllowsEverything() {
        #expect(RobotsRules.allowAll.isAllowed("/"))
        #expect(RobotsRules.allowAll.isAllowed("/private/x?y=%C3%A4"))
        #expect(RobotsRules.allowAll.crawlDelay == nil)
    }

    @Test func fragmentIsIgnoredAndEmptyPathIsRoot() {
        let rules = RobotsRules("User-agent: *\nDisallow: /a$\nDisallow: /$\n")
        #expect(!rules.isAllowed("/a#section"))
        #expect(!rules.isAllowed(""))
        #expect(rules.isAllowed("/b#a"))
    }
}
