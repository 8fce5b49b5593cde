import Foundation
import Testing
@testable import TrawlAPI
import TrawlCore

/// The hand-written run JSON must say exactly what the `Encodable` form says.
@Suite struct RunDocumentJSONTests {
    static func parsed(_ bytes: [UInt8]) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? NSDictionary)
    }

    static func encoded(_ run: Run) throws -> NSDictionary {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try parsed(Array(try encoder.encode(RunResource(run))))
    }

    static func written(_ run: Run) throws -> NSDictionary {
        var json = JSONWriter()
        RunResource(run).write(to: &json)
        return try parsed(json.bytes)
    }

    static func job() throws -> Job {
        let config = try CrawlConfig(from: [
            "seeds": [["kind": "static_list", "params": ["urls": ["https://example.com/a\"b/\\c"]]]],
            "speed": ["kind": "fixed", "params": ["delay_factor": 1.5, "delay": "250ms"]],
            "starting_criteria": [["kind": "exclusive", "params": ["by": "labels", "keys": ["team"]]]],
        ])
        let now = Date(timeIntervalSince1970: 1_800_000_000.123)
        return Job(tenantID: "acme", name: "docs", labels: ["team": "search\n\"quoted\"", "é": "✓"], config: config,
                   createdAt: now, updatedAt: now)
    }

    @Test func aPendingRunMatches() throws {
        let run = Run(job: try Self.job(), createdAt: Date(timeIntervalSince1970: 1_800_000_001.5))
        #expect(try Self.written(run) == Self.encoded(run))
    }

    @Test func aFinishedRunWithEveryFieldSetMatches() throws {
        var run = Run(job: try Self.job(), createdAt: Date(timeIntervalSince1970: 1_800_000_001.5))
        run.status = .finished
        run.stopReason = .unknown
        run.error = RunError(code: "internal", message: "tab\there, bell \u{7}, slash /")
        run.startedAt = run.createdAt.addingTimeInterval(1)
        run.pausedAt = run.createdAt.addingTimeInterval(2)
        run.finishedAt = run.createdAt.addingTimeInterval(3)
        run.progress.fetched = 12
        run.progress.discovered = 40
        run.progress.httpStatus = ["200": 10, "404": 2]
        run.pipeline.documents.parsed = 10
        run.pipeline.documents.unchanged = 3
        run.pipeline.chunks.created = 55
        run.pipeline.start(.parse, at: run.createdAt)
        run.pipeline.finish(.embed, at: run.createdAt.addingTimeInterval(9), failed: true)
        run.pipeline.textIndexedAt = run.createdAt.addingTimeInterval(5)
        #expect(try Self.written(run) == Self.encoded(run))
    }

    @Test func writerEscapesWhatJSONRequires() throws {
        var json = JSONWriter()
        json.beginArray()
        json.string("\"\\\n\r\t\u{1}/é")
        json.int(-3)
        json.double(0.25)
        json.bool(false)
        json.null()
        json.beginObject()
        json.endObject()
        json.endArray()
        #expect(String(decoding: json.bytes, as: UTF8.self) == #"["\"\\\n\r\t\u0001/é",-3,0.25,false,null,{}]"#)
    }
}
