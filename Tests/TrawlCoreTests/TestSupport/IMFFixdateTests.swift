import Foundation
import Testing
@testable import TrawlTestSupport

/// The `Date` header format.
@Suite struct IMFFixdateTests {
    @Test func formatsIMFFixdate() {
        // The example from RFC 9110 §5.6.7.
        let rfcExample = Date(timeIntervalSince1970: 784_111_777)
        // A fraction of a second before a leap-year month change: truncated, never rounded into March.
        let leapDay = Date(timeIntervalSince1970: 1_709_251_199.9)

        #expect(IMFFixdate.string(from: rfcExample) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(IMFFixdate.string(from: leapDay) == "Thu, 29 Feb 2024 23:59:59 GMT")
    }
}
