import Foundation
import Testing
@testable import TrawlExport

struct WARCDateTests {
    @Test("UTC with whole seconds; fractions are truncated, never rounded up")
    func wholeSecondsUTC() {
        #expect(WARCDate.string(from: Date(timeIntervalSince1970: 1_768_469_400)) == "2026-01-15T09:30:00Z")
        #expect(WARCDate.string(from: Date(timeIntervalSince1970: 1_768_469_400.999)) == "2026-01-15T09:30:00Z")
        #expect(WARCDate.string(from: Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
    }
}
