import Testing
@testable import TrawlCore

@Suite struct PolitenessTests {
    let policy = Politeness(minimum: .seconds(1), maximum: .seconds(10), factor: 5, perHostConcurrency: 2,
                            maxCrawlDelay: .seconds(20))

    @Test func delayIsFactorTimesFetchTimeClamped() {
        let floor = policy.floor(crawlDelay: nil)
        #expect(policy.delay(after: .milliseconds(100), floor: floor) == .seconds(1))
        #expect(policy.delay(after: .milliseconds(600), floor: floor) == .seconds(3))
        #expect(policy.delay(after: .seconds(5), floor: floor) == .seconds(10))
    }

    @Test func crawlDelayRaisesTheFloorUpToTheCap() {
        #expect(policy.floor(crawlDelay: 4) == .seconds(4))
        #expect(policy.floor(crawlDelay: 600) == .seconds(20))
        #expect(policy.floor(crawlDelay: 0.1) == .seconds(1))
        // A robots floor above the maximum still wins: robots.txt is obeyed.
        #expect(policy.delay(after: .milliseconds(1), floor: .seconds(15)) == .seconds(15))
    }

    /// A factor of any size gives at most the maximum delay instead of trapping in `Duration * Double`.
    @Test func anyFactorIsClampedNotFatal() {
        for factor in [1e24, 1e300, .greatestFiniteMagnitude] {
            let policy = Politeness(minimum: .zero, maximum: .seconds(30), factor: factor, perHostConcurrency: 1)
            #expect(policy.delay(after: .seconds(7), floor: .zero) == .seconds(30))
            #expect(policy.delay(after: .zero, floor: .milliseconds(5)) == .milliseconds(5))
        }
    }

    /// A site's number, however large, is clamped before it becomes a `Duration` (which traps past `Int64`).
    @Test func anyCrawlDelayASiteSendsIsCappedNotFatal() {
        for delay in [1e16, 9.3e15, 1e300, .greatestFiniteMagnitude, .infinity] {
            #expect(policy.floor(crawlDelay: delay) == .seconds(20))
        }
        #expect(policy.floor(crawlDelay: .nan) == .seconds(1))
        #expect(Duration.seconds(-5, atMost: .seconds(3)) == .zero)
        #expect(Duration.seconds(2.0004, atMost: .seconds(3)) == .seconds(2))
        // A cap past what milliseconds in an Int64 hold (a manifest can set one) does not trap either.
        #expect(Duration.seconds(1e17, atMost: .seconds(Int64(1e18))) == .seconds(9_000_000_000_000_000 as Int64))
    }

    @Test func defaultCrawlDelayAppliesWhenRobotsSaysNothing() {
        let withDefault = Politeness(minimum: .zero, maximum: .seconds(10), factor: 1, perHostConcurrency: 1,
                                     defaultCrawlDelay: .seconds(2))
        #expect(withDefault.floor(crawlDelay: nil) == .seconds(2))
        #expect(withDefault.floor(crawlDelay: 0.5) == .milliseconds(500))
    }
}
