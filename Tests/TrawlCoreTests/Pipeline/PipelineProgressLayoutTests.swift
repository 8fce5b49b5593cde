import Foundation
import Testing
import TrawlCore

/// A run's pipeline progress has one layout: what both stores keep (and query by JSON path) is this JSON, byte for
/// byte, and rows the earlier `JSONEncoder` form wrote read back the same.
@Suite struct PipelineProgressLayoutTests {
    static let golden = #"{"chunks":{"created":30,"embedded":20,"indexed":30},"documents":{"adds":4,"chunked":5,"deletes":1,"embedded":3,"failed":2,"indexed":5,"parseFailed":1,"parsed":6,"seen":9,"skipped":3,"unchanged":1,"updates":0},"error":"the embedder said \"no\"","pageCursor":42,"semanticReadyAt":786000000.75,"stages":{"embed":{"failed":true,"finishedAt":786000000.5,"startedAt":786000000.25},"parse":{"failed":false,"startedAt":786000000.125}},"textIndexedAt":786000000.5}"#

    static var progress: PipelineProgress {
        var progress = PipelineProgress()
        progress.chunks.created = 30
        progress.chunks.embedded = 20
        progress.chunks.indexed = 30
        progress.documents.adds = 4
        progress.documents.chunked = 5
        progress.documents.deletes = 1
        progress.documents.embedded = 3
        progress.documents.failed = 2
        progress.documents.indexed = 5
        progress.documents.parseFailed = 1
        progress.documents.parsed = 6
        progress.documents.seen = 9
        progress.documents.skipped = 3
        progress.documents.unchanged = 1
        progress.error = #"the embedder said "no""#
        progress.pageCursor = 42
        progress.semanticReadyAt = Date(timeIntervalSinceReferenceDate: 786_000_000.75)
        progress.textIndexedAt = Date(timeIntervalSinceReferenceDate: 786_000_000.5)
        progress.stages[.parse] = PipelineProgress.StageTimes(startedAt: Date(timeIntervalSinceReferenceDate: 786_000_000.125))
        var embed = PipelineProgress.StageTimes(startedAt: Date(timeIntervalSinceReferenceDate: 786_000_000.25),
                                                finishedAt: Date(timeIntervalSinceReferenceDate: 786_000_000.5))
        embed.failed = true
        progress.stages[.embed] = embed
        return progress
    }

    @Test func writtenAsTheGoldenJSONAndReadBack() throws {
        #expect(Self.progress.json == Self.golden)
        #expect(try PipelineProgress(json: Self.golden) == Self.progress)
        #expect(try PipelineProgress(json: PipelineProgress().json) == PipelineProgress())
        #expect(PipelineProgress().json.contains(#""pageCursor":0,"stages":{}}"#))
    }

    @Test func olderRowsNewerKeysAndBadValues() throws {
        // As `JSONEncoder` wrote it before `parseFailed` and `deletes` existed, whole seconds without a fraction.
        let old = #"{"chunks":{"created":1,"embedded":0,"indexed":1},"documents":{"adds":1,"chunked":1,"embedded":0,"failed":0,"indexed":1,"parsed":1,"seen":1,"skipped":0,"unchanged":0,"updates":0},"pageCursor":3,"stages":{"index":{"failed":false,"finishedAt":786000001,"startedAt":786000000}},"textIndexedAt":786000001}"#
        let read = try PipelineProgress(json: old)
        #expect(read.documents.parseFailed == 0 && read.documents.deletes == 0 && read.documents.seen == 1)
        #expect(read.pageCursor == 3 && read.stages[.index]?.startedAt == Date(timeIntervalSinceReferenceDate: 786_000_000))
        #expect(read.textIndexedAt == Date(timeIntervalSinceReferenceDate: 786_000_001) && read.semanticReadyAt == nil)
        // Keys a newer Trawl added (a rolling upgrade), a stage included: skipped, not an unreadable run.
        let future = old.replacingOccurrences(of: #""stages":{"#, with: #""future":true,"stages":{"rerank":{"failed":false},"#)
            .replacingOccurrences(of: #""adds":1"#, with: #""adds":1,"moved":5"#)
        #expect(try PipelineProgress(json: future) == read)
        // A value of another type is an error, never a guess.
        for bad in [#"{"pageCursor":"3"}"#, #"{"documents":{"seen":1.5}}"#, #"{"stages":{"embed":{"failed":1}}}"#,
                    #"{"textIndexedAt":"yesterday"}"#, "[]", "{"] {
            #expect(throws: StoreError.self, "\(bad)") { try PipelineProgress(json: bad) }
        }
    }
}
