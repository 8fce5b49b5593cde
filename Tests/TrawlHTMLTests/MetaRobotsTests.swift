import Testing
import TrawlCore

struct MetaRobotsTests {
    @Test(arguments: [
        ("noindex", true, false), ("nofollow", false, true), ("noindex, nofollow", true, true),
        ("NONE", true, true), ("all", false, false), ("index,follow", false, false),
        ("noindex;nofollow", true, true), ("max-snippet:-1, NoFollow", false, true), ("", false, false),
        ("noindexing", false, false),
    ])
    func parsesDirectives(content: String, noindex: Bool, nofollow: Bool) {
        #expect(MetaRobots(content: content) == MetaRobots(noindex: noindex, nofollow: nofollow))
    }

    @Test func unionKeepsEveryRestriction() {
        let combined = MetaRobots(noindex: true).union(MetaRobots(nofollow: true))
        #expect(combined == MetaRobots(noindex: true, nofollow: true))
        #expect(MetaRobots().union(MetaRobots()) == MetaRobots())
    }
}
