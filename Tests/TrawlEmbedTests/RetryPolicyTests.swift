import Foundation
import Testing
@testable import TrawlEmbed

@Suite struct RetryPolicyTests {
    @Test("backoff doubles up to the cap, and stops when attempts run out")
    func backoff() {
        let policy = RetryPolicy(maximumAttempts: 6, initialDelay: .milliseconds(100), maximumDelay: .milliseconds(350), jitter: 0)
        let delays = (1 ... 6).map { policy.delay(afterAttempt: $0, retryAfter: nil) }
        #expect(delays == [.milliseconds(100), .milliseconds(200), .milliseconds(350), .milliseconds(350), .milliseconds(350), nil])
    }

    @Test("jitter only lengthens a delay, by at most its fraction")
    func jitter() {
        let policy = RetryPolicy(maximumAttempts: 3, initialDelay: .seconds(1), jitter: 0.5)
        for _ in 0 ..< 20 {
            let delay = policy.delay(afterAttempt: 1, retryAfter: nil)!
            #expect(delay >= .seconds(1) && delay <= .milliseconds(1_500))
        }
    }

    @Test("a server's Retry-After wins, unless it is longer than allowed")
    func retryAfter() {
        let policy = RetryPolicy(maximumAttempts: 3, maximumRetryAfter: .seconds(10), jitter: 0)
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(7)) == .seconds(7))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(11)) == nil)
        #expect(policy.delay(afterAttempt: 3, retryAfter: .seconds(1)) == nil)
    }

    @Test("Retry-After is read as milliseconds, seconds or an HTTP date; garbage is ignored")
    func parsing() {
        let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(RetryAfter.parse(milliseconds: "250", value: "9") == .milliseconds(250))
        #expect(RetryAfter.parse(milliseconds: nil, value: "3") == .seconds(3))
        #expect(RetryAfter.parse(milliseconds: nil, value: "Sun, 06 Nov 1994 08:49:47 GMT", now: now) == .seconds(10))
        #expect(RetryAfter.parse(milliseconds: nil, value: "Sun, 06 Nov 1994 08:49:27 GMT", now: now) == .zero)
        #expect(RetryAfter.parse(milliseconds: "soon", value: "later") == nil)
        #expect(RetryAfter.parse(milliseconds: nil, value: nil) == nil)
        // Numbers past what a Duration holds are capped, not fatal.
        #expect(RetryAfter.parse(milliseconds: nil, value: "1e300") == RetryAfter.longest)
        #expect(RetryAfter.parse(milliseconds: "1e300", value: nil) == RetryAfter.longest)
        #expect(RetryAfter.parse(milliseconds: nil, value: "inf") == nil)
    }
}
