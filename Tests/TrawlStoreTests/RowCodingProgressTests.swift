import Foundation
import Testing
import TrawlCore
@testable import TrawlStore

/// Run columns read back as written: counters and pipeline progress in their one layouts, labels through the reader.
struct RowCodingProgressTests {
    struct Generator {
        var state: UInt64
        mutating func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        mutating func date() -> Date? { next() % 3 == 0 ? nil : Date(timeIntervalSinceReferenceDate: Double(next() % 1_000_000_000) / 7) }
    }

    @Test func randomProgressReadsBackAsWritten() throws {
        var generator = Generator(state: 42)
        for _ in 0..<300 {
            var run = RunProgress()
            run.discovered = generator.next()
            run.fetched = generator.next() % 1_000
            run.inFlight = generator.next() % 5
            run.bytesDownloaded = generator.next()
            run.emptyEvaluations = generator.next() % 9
            if generator.next() % 2 == 0 { run.httpStatus = ["200": generator.next(), "404": 3] }
            // The run's counters in their one layout, read back by it and by `Codable` alike.
            #expect(try RunProgress(json: run.json) == run)
            #expect(try RunProgress(json: RowCoding.json(run)) == run)
            #expect(try RowCoding.decode(RunProgress.self, json: run.json) == run)

            var pipeline = PipelineProgress()
            pipeline.documents.seen = generator.next()
            pipeline.documents.parseFailed = generator.next() % 4
            pipeline.documents.unchanged = generator.next() % 4
            pipeline.chunks.embedded = generator.next()
            pipeline.pageCursor = Int64(generator.next())
            for stage in PipelineStage.allCases where generator.next() % 2 == 0 {
                var times = PipelineProgress.StageTimes(startedAt: generator.date(), finishedAt: generator.date())
                times.failed = generator.next() % 2 == 0
                pipeline.stages[stage] = times
            }
            if generator.next() % 3 == 0 { pipeline.error = "the embedder said \"no\" — 503\n\u{1}" }
            pipeline.textIndexedAt = generator.date()
            pipeline.semanticReadyAt = generator.date()
            #expect(try PipelineProgress(json: pipeline.json) == pipeline, "\(pipeline.json)")

            let labels = ["team": "search \(generator.next())", "é": "\"q\""]
            #expect(RowCoding.labels(try JSONReader.value(of: RowCoding.json(labels))) == labels)
            #expect(try RowCoding.labels(json: RowCoding.json(labels)) == labels)
        }
    }

    @Test func aKeyGivenTwiceInLabelsIsLeftToTheDecoder() throws {
        let twice = #"{"team":"a","team":"b"}"#
        #expect(RowCoding.labels(try JSONReader.value(of: twice)) == nil)
        #expect(throws: (any Error).self) { try RowCoding.labels(json: #"{"team":1}"#) }
    }
}
