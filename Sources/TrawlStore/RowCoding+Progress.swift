import Foundation
import TrawlCore

/// The run columns read on every list, mapped from `JSONReader`'s value field by field (a run's counters read
/// themselves: `RunProgress(json:)`).
///
/// These are the JSON `RowCoding.json` wrote with `JSONEncoder` (synthesized keys, dates as seconds since 2001).
/// A column this mapping does not recognise (another shape, a value out of range) is read by `JSONDecoder` after
/// all, so an unusual row costs time, never a wrong value; tests hold the two readings equal.
extension RowCoding {
    static func labels(json: String) throws -> [String: String] {
        if let value = try? JSONReader.value(of: json), let labels = Self.labels(value) { return labels }
        return try decode([String: String].self, json: json)
    }

    static func pipelineProgress(json: String) throws -> PipelineProgress {
        if let value = try? JSONReader.value(of: json), let progress = Self.pipelineProgress(value) { return progress }
        return try decode(PipelineProgress.self, json: json)
    }

    static func labels(_ value: ConfigValue) -> [String: String]? {
        guard let fields = Fields(value) else { return nil }
        var labels: [String: String] = [:]
        for (key, value) in fields.all {
            guard case .string(let text) = value else { return nil }
            labels[key] = text
        }
        return labels
    }

    static func pipelineProgress(_ value: ConfigValue) -> PipelineProgress? {
        guard let fields = Fields(value), let documents = Fields(fields["documents"]), let chunks = Fields(fields["chunks"]),
              let pageCursor = fields.int("pageCursor"), let stages = Fields(fields["stages"])
        else { return nil }
        var progress = PipelineProgress()
        // Document counters added in later versions may be missing (they count from zero), as the Codable form allows.
        let names = ["seen", "parsed", "chunked", "embedded", "indexed", "failed", "parseFailed", "skipped", "adds",
                     "updates", "unchanged", "deletes"]
        guard documents.names.isSubset(of: names), chunks.names == ["created", "embedded", "indexed"] else { return nil }
        var counters: [Int] = []
        for name in names {
            guard let count = documents.optionalInt(name) else { return nil }
            counters.append(count ?? 0)
        }
        progress.documents.seen = counters[0]
        progress.documents.parsed = counters[1]
        progress.documents.chunked = counters[2]
        progress.documents.embedded = counters[3]
        progress.documents.indexed = counters[4]
        progress.documents.failed = counters[5]
        progress.documents.parseFailed = counters[6]
        progress.documents.skipped = counters[7]
        progress.documents.adds = counters[8]
        progress.documents.updates = counters[9]
        progress.documents.unchanged = counters[10]
        progress.documents.deletes = counters[11]
        guard let created = chunks.int("created"), let embedded = chunks.int("embedded"), let indexed = chunks.int("indexed")
        else { return nil }
        progress.chunks.created = created
        progress.chunks.embedded = embedded
        progress.chunks.indexed = indexed
        progress.pageCursor = Int64(pageCursor)
        for (name, times) in stages.all {
            guard let stage = PipelineStage(rawValue: name), let times = Fields(times),
                  times.names.isSubset(of: ["startedAt", "finishedAt", "failed"]), case .bool(let failed)? = times["failed"],
                  let started = times.optionalDate("startedAt"), let finished = times.optionalDate("finishedAt")
            else { return nil }
            var stageTimes = PipelineProgress.StageTimes(startedAt: started, finishedAt: finished)
            stageTimes.failed = failed
            progress.stages[stage] = stageTimes
        }
        guard fields.names.isSubset(of: ["documents", "chunks", "pageCursor", "stages", "error", "textIndexedAt",
                                         "semanticReadyAt"]),
              let error = fields.optionalString("error"), let textIndexedAt = fields.optionalDate("textIndexedAt"),
              let semanticReadyAt = fields.optionalDate("semanticReadyAt")
        else { return nil }
        progress.error = error
        progress.textIndexedAt = textIndexedAt
        progress.semanticReadyAt = semanticReadyAt
        return progress
    }

    /// An object's fields by name, with typed reads that answer nil for a field of the wrong type.
    private struct Fields {
        private let values: [String: ConfigValue]
        let names: Set<String>
        var count: Int { values.count }

        init?(_ value: ConfigValue?) {
            guard case .object(let pairs)? = value else { return nil }
            values = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
            guard values.count == pairs.count else { return nil }
            names = Set(values.keys)
        }

        subscript(name: String) -> ConfigValue? { values[name] }

        /// Every field (no key repeats: a repeated key fails `init`, and the row goes to `JSONDecoder`).
        var all: [String: ConfigValue] { values }

        func int(_ name: String) -> Int? {
            guard case .int(let number)? = values[name] else { return nil }
            return number
        }

        /// `.some(nil)` when absent or null, nil when of another type.
        func optionalInt(_ name: String) -> Int?? {
            switch values[name] {
            case nil, .null?: .some(nil)
            case .int(let number)?: .some(number)
            default: nil
            }
        }

        func optionalString(_ name: String) -> String?? {
            switch values[name] {
            case nil, .null?: .some(nil)
            case .string(let text)?: .some(text)
            default: nil
            }
        }

        /// A date as `JSONEncoder` writes one by default: seconds since 2001-01-01.
        func optionalDate(_ name: String) -> Date?? {
            switch values[name] {
            case nil, .null?: .some(nil)
            case .double(let seconds)?: .some(Date(timeIntervalSinceReferenceDate: seconds))
            case .int(let seconds)?: .some(Date(timeIntervalSinceReferenceDate: Double(seconds)))
            default: nil
            }
        }
    }
}
