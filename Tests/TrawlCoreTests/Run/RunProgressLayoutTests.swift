import Foundation
import Testing
import TrawlCore

/// A run's counters have one layout: what the stores keep and the API serves is this JSON, byte for byte.
@Suite struct RunProgressLayoutTests {
    static let golden = #"{"bytes_downloaded":7,"depth_reached":2,"discovered":12,"empty_evaluations":1,"evaluations":9,"excluded":3,"failed":1,"fetched":8,"http_status":{"200":7,"404":1},"in_flight":0,"processed":10,"queued":2,"reused":1,"unchanged":4}"#

    static var progress: RunProgress {
        var progress = RunProgress()
        progress.bytesDownloaded = 7
        progress.depthReached = 2
        progress.discovered = 12
        progress.emptyEvaluations = 1
        progress.evaluations = 9
        progress.excluded = 3
        progress.failed = 1
        progress.fetched = 8
        progress.httpStatus = ["404": 1, "200": 7]
        progress.processed = 10
        progress.queued = 2
        progress.reused = 1
        progress.unchanged = 4
        return progress
    }

    @Test func writtenAsTheGoldenJSONAndReadBack() throws {
        #expect(Self.progress.json == Self.golden)
        #expect(try RunProgress(json: Self.golden) == Self.progress)
        // Codable follows the same layout.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(Self.progress), as: UTF8.self) == Self.golden)
        #expect(try JSONDecoder().decode(RunProgress.self, from: Data(Self.golden.utf8)) == Self.progress)
    }

    @Test func olderRowsCountMissingCountersFromZeroNewerKeysAreSkippedAndBadValuesAreErrors() throws {
        // Written before `unchanged` and `reused` existed.
        let old = #"{"bytes_downloaded":0,"depth_reached":0,"discovered":1,"empty_evaluations":0,"evaluations":0,"excluded":0,"failed":0,"fetched":1,"http_status":{},"in_flight":0,"processed":1,"queued":0}"#
        let read = try RunProgress(json: old)
        #expect(read.fetched == 1 && read.unchanged == 0 && read.reused == 0)
        #expect(throws: StoreError.self) { try RunProgress(json: #"{"fetched":"many"}"#) }
        // A counter a newer Trawl added (a rolling upgrade): skipped, not an unreadable run.
        #expect(try RunProgress(json: #"{"fetched":1,"from_the_future":2}"#).fetched == 1)
        #expect(throws: StoreError.self) { try RunProgress(json: "[]") }
    }
}
