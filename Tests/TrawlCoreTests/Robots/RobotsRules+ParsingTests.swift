import Testing
import TrawlCore

@Suite("RobotsRules parsing")
struct RobotsRulesParsingTests {
    // MARK: Groups and agents

    @Test func groupsNamingTheSameAgentAreMerged() {
        let rules = RobotsRules("""
            User-agent: Trawl
            Disallow: /a

            User-agent: other
            Disallow: /b

            User-agent: Trawl
            Disallow: /c
            """)
        #expect(!rules.isAllowed("/a"))
        #expect(rules.isAllowed("/b"))
        #expect(!rules.isAllowed("/c"))
    }

    @Test func starGroupsAreMergedWhenNoGroupNamesUs() {
        let rules = RobotsRules("""
            User-agent: *
            Disallow: /a
            User-agent: other
            Disallow: /b
            User-agent: *
            Disallow: /c
            """)
        #expect(!rules.isAllowed("/a"))
        #expect(rules.isAllowed("/b"))
        #expect(!rules.isAllowed("/c"))
    }

    @Test func namedGroupReplacesTheStarGroup() {
        let rules = RobotsRules("User-agent: *\nDisallow: /\n\nUser-agent: Trawl\nDisallow: /private\n")
        #expect(rules.isAllowed("/public"))
        #expect(!rules.isAllowed("/private"))
    }

    @Test func groupNamingBothUsAndStarAppliesToBoth() {
        let text = "User-agent: *\nUser-agent: Trawl\nDisallow: /shared\n\nUser-agent: *\nDisallow: /star\n"
        let ours = RobotsRules(text)
        #expect(!ours.isAllowed("/shared"))
        #expect(ours.isAllowed("/star"))
        let others = RobotsRules(text, agent: "Other")
        #expect(!others.isAllowed("/shared"))
        #expect(!others.isAllowed("/star"))
    }

    @Test func noMatchingGroupAndNoStarAllowsEverything() {
        let rules = RobotsRules("User-agent: other\nDisallow: /\n")
        #expect(rules.isAllowed("/anything"))
        #expect(rules == .allowAll)
    }

    @Test func emptyFileAllowsEverything() {
        #expect(RobotsRules("") == .allowAll)
        #expect(RobotsRules(parsing: [], productToken: "Trawl") == .allowAll)
    }

    @Test func userAgentAfterRulesStartsANewGroup() {
        let rules = RobotsRules("User-agent: Trawl\nDisallow: /a\nUser-agent: other\nDisallow: /b\n")
        #expect(!rules.isAllowed("/a"))
        #expect(rules.isAllowed("/b"))
    }

    @Test func rulesBeforeAnyUserAgentAreIgnored() {
        let rules = RobotsRules("Disallow: /early\nUser-agent: *\nDisallow: /late\n")
        #expect(rules.isAllowed("/early"))
        #expect(!rules.isAllowed("/late"))
    }

    @Test func agentsAreMatchedCaseInsensitively() {
        #expect(!RobotsRules("User-agent: TRAWL\nDisallow: /x\n").isAllowed("/x"))
        #expect(!RobotsRules("User-agent: trawl\nDisallow: /x\n", agent: "TrAwL").isAllowed("/x"))
    }

    @Test func productTokenIsReadUpToTheFirstOtherCharacterInTheFile() {
        let rules = RobotsRules("User-agent: Trawl/1.0 (+https://x)\nDisallow: /x\n")
        #expect(!rules.isAllowed("/x"))
    }

    @Test func productTokenIsExtractedFromAFullUserAgentString() {
        let rules = RobotsRules("User-agent: trawl\nDisallow: /x\n", agent: "Trawl/1.0 (+https://x)")
        #expect(!rules.isAllowed("/x"))
    }

    @Test func productTokenMustMatchWholly() {
        let text = "User-agent: Trawler\nDisallow: /longer\n\nUser-agent: *\nDisallow: /star\n"
        let rules = RobotsRules(text)
        #expect(rules.isAllowed("/longer"))
        #expect(!rules.isAllowed("/star"))
        #expect(!RobotsRules(text, agent: "Trawler").isAllowed("/longer"))
    }

    @Test func tokenKeepsHyphensAndUnderscores() {
        let rules = RobotsRules("User-agent: trawl-news_bot\nDisallow: /x\n", agent: "Trawl-News_Bot/2")
        #expect(!rules.isAllowed("/x"))
    }

    // MARK: Line syntax

    @Test func keysAreCaseInsensitiveAndToleratesBlanksAroundColon() {
        let rules = RobotsRules("USER-AGENT :\tTrawl\nDISALLOW   :   /x  \n  allow: /x/ok\n")
        #expect(!rules.isAllowed("/x"))
        #expect(rules.isAllowed("/x/ok"))
    }

    @Test(arguments: ["useragent", "user agent", "User_Agent"])
    func userAgentKeyVariantsAreAccepted(key: String) {
        #expect(!RobotsRules("\(key): Trawl\nDisallow: /x\n").isAllowed("/x"))
    }

    @Test(arguments: ["dissallow", "Dissalow", "disalow"])
    func disallowMisspellingsAreAccepted(key: String) {
        #expect(!RobotsRules("User-agent: *\n\(key): /x\n").isAllowed("/x"))
    }

    @Test func unknownKeysAndLinesWithoutColonAreIgnored() {
        let rules = RobotsRules("User-agent: *\nNoindex: /a\nDisallow /b\nHost: example.com\nDisallow: /c\n")
        #expect(rules.isAllowed("/a"))
        #expect(rules.isAllowed("/b"))
        #expect(!rules.isAllowed("/c"))
    }

    @Test func unknownLinesDoNotSplitAUserAgentRun() {
        let rules = RobotsRules("User-agent: Trawl\nHost: x\nUser-agent: other\nDisallow: /x\n")
        #expect(!rules.isAllowed("/x"))
    }

    @Test func commentsAreStripped() {
        let rules = RobotsRules("""
            # Disallow: /everything
            User-agent: * # all robots
            Disallow: /private # keep out
            #Disallow: /public
            """)
        #expect(!rules.isAllowed("/private/x"))
        #expect(rules.isAllowed("/public"))
        #expect(rules.isAllowed("/privat"))
    }

    @Test func emptyDisallowMeansNothingIsDisallowed() {
        let rules = RobotsRules("User-agent: *\nDisallow:\nDisallow:   \n")
        #expect(rules.isAllowed("/anything"))
        #expect(rules == .allowAll)
    }

    @Test func byteOrderMarkIsSkipped() {
        let body: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("User-agent: *\nDisallow: /x\n".utf8)
        #expect(!RobotsRules(parsing: body, productToken: "Trawl").isAllowed("/x"))
    }

    @Test func carriageReturnAloneEndsLines() {
        let rules = RobotsRules("User-agent: *\rDisallow: /a\rAllow: /a/b\r")
        #expect(!rules.isAllowed("/a"))
        #expect(rules.isAllowed("/a/b"))
    }

    @Test func crlfAndMixedLineEndsAreRead() {
        let rules = RobotsRules("User-agent: *\r\nDisallow: /a\r\n\r\nDisallow: /b\nDisallow: /c\rDisallow: /d")
        for path in ["/a", "/b", "/c", "/d"] {
            #expect(!rules.isAllowed(path))
        }
        #expect(rules.isAllowed("/e"))
    }

    @Test func duplicateRulesFromMergedGroupsCompareEqualToOneGroup() {
        let once = RobotsRules("User-agent: *\nDisallow: /x\nAllow: /x/y\n")
        let twice = RobotsRules("User-agent: *\nAllow: /x/y\nDisallow: /x\nUser-agent: *\nDisallow: /x\n")
        #expect(once == twice)
        #expect(RobotsRules("User-agent: *\nDisallow: /\n") == .disallowAll)
    }

    // MARK: The 500 KiB limit

    /// A body of `head`, comment lines up to byte `offset`, then `tail`.
    private static func body(_ head: String, paddedTo offset: Int, then tail: String) -> [UInt8] {
        var bytes = Array(head.utf8)
        while bytes.count < offset - 100 {
            bytes += Array(("#" + String(repeating: "x", count: 98) + "\n").utf8)
        }
        let last = offset - bytes.count
        bytes += Array(("#" + String(repeating: "x", count: last - 2) + "\n").utf8)
        return bytes + Array(tail.utf8)
    }

    @Test func rulesBeyondFiveHundredKiBAreIgnored() {
        let limit = 500 * 1024
        let bytes = Self.body("User-agent: *\nDisallow: /early\n", paddedTo: limit + 10, then: "Disallow: /late\n")
        let rules = RobotsRules(parsing: bytes, productToken: "Trawl")
        #expect(!rules.isAllowed("/early"))
        #expect(rules.isAllowed("/late"))
    }

    @Test func lineCutByTheLimitIsDropped() {
        let limit = 500 * 1024
        let bytes = Self.body("User-agent: *\n", paddedTo: limit - 12, then: "Disallow: /straddling\n")
        let rules = RobotsRules(parsing: bytes, productToken: "Trawl")
        // Cut at the limit the line reads `Disallow: /s`, which must not survive as a shorter pattern.
        #expect(rules.isAllowed("/straddling"))
        #expect(rules.isAllowed("/s"))
    }

    @Test func lineEndingExactlyAtTheLimitIsKept() {
        let limit = 500 * 1024
        let rule = "Disallow: /edge"
        let bytes = Self.body("User-agent: *\n", paddedTo: limit - rule.utf8.count, then: rule + "\nDisallow: /x\n")
        #expect(bytes[limit] == UInt8(ascii: "\n"))
        let rules = RobotsRules(parsing: bytes, productToken: "Trawl")
        #expect(!rules.isAllowed("/edge"))
        #expect(rules.isAllowed("/x"))
    }

    // MARK: Crawl-delay

    @Test(arguments: [("10", 10.0), ("0.5", 0.5), (" 2.25 ", 2.25), (".5", 0.5), ("3.", 3.0)])
    func crawlDelayAcceptsDecimalSeconds(value: String, seconds: Double) {
        #expect(RobotsRules("User-agent: *\nCrawl-delay: \(value)\n").crawlDelay == seconds)
    }

    @Test(arguments: ["", "abc", "-1", "5s", "1e3", "inf", "nan", "1.2.3", "."])
    func invalidCrawlDelayIsIgnored(value: String) {
        #expect(RobotsRules("User-agent: *\nCrawl-delay: \(value)\n").crawlDelay == nil)
    }

    @Test func crawlDelayComesFromTheMatchedGroupOnly() {
        let text = "User-agent: *\nCrawl-delay: 10\n\nUser-agent: Trawl\nCrawl-delay: 2\nDisallow: /p\n"
        #expect(RobotsRules(text).crawlDelay == 2)
        #expect(RobotsRules(text, agent: "Other").crawlDelay == 10)
        #expect(RobotsRules("User-agent: *\nCrawl-delay: 10\nUser-agent: Trawl\nDisallow: /p\n").crawlDelay == nil)
    }

    @Test func crawlDelayEndsAUserAgentRun() {
        let text = "User-agent: *\nCrawl-delay: 10\nUser-agent: Trawl\nDisallow: /p\n"
        #expect(!RobotsRules(text).isAllowed("/p"))
        #expect(RobotsRules(text, agent: "Other").isAllowed("/p"))
    }

    @Test func mergedGroupsKeepTheLargestCrawlDelay() {
        let text = "User-agent: Trawl\nCrawl-delay: 1\n\nUser-agent: Trawl\nCrawl-delay: 4\nCrawl-delay: x\n"
        #expect(RobotsRules(text).crawlDelay == 4)
    }

    @Test(arguments: ["crawldelay", "Crawl delay", "CRAWL_DELAY"])
    func crawlDelayKeyVariantsAreAccepted(key: String) {
        #expect(RobotsRules("User-agent: *\n\(key): 3\n").crawlDelay == 3)
    }

    // MARK: Sitemaps

    @Test func sitemapsAreCollectedFromEverywhereInOrder() {
        let rules = RobotsRules("""
            Sitemap: https://example.com/first.xml
            User-agent: other
            Sitemap:   https://example.com/second.xml\t
            Disallow: /
            SITEMAP:https://example.com/third.xml
            Sitemap:
            """)
        #expect(rules.sitemaps == [
            "https://example.com/first.xml",
            "https://example.com/second.xml",
            "https://example.com/third.xml",
        ])
    }

    @Test func sitemapLinesDoNotSplitAUserAgentRun() {
        let rules = RobotsRules("User-agent: Trawl\nSitemap: https://x/s.xml\nUser-agent: b\nDisallow: /x\n")
        #expect(!rules.isAllowed("/x"))
        #expect(rules.sitemaps == ["https://x/s.xml"])
    }
}
