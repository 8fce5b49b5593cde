import Foundation

/// The one layout of a run's pipeline progress, as both stores keep it in the run's `pipeline` column and query it
/// (`$.beganAt`, `$.pageCursor`, `$.textIndexedAt`, `$.stages.embed.startedAt`): keys in alphabetical order, dates as seconds since
/// 2001-01-01, absent values left out (what `JSONEncoder` wrote before, so older rows read alike). Written by
/// `write(to:)` and read by `init(reading:)`, both from the tables below: a new counter is one line here.
extension PipelineProgress: JSONLayout {
    /// Every document counter by its key, in key order.
    static var documentCounters: [(key: String, field: WritableKeyPath<Documents, Int>)] {
        [
            ("adds", \.adds), ("chunked", \.chunked), ("deletes", \.deletes), ("embedded", \.embedded),
            ("failed", \.failed), ("indexed", \.indexed), ("parseFailed", \.parseFailed), ("parsed", \.parsed),
            ("seen", \.seen), ("skipped", \.skipped), ("unchanged", \.unchanged), ("updates", \.updates),
        ]
    }

    /// Every chunk counter by its key, in key order.
    static var chunkCounters: [(key: String, field: WritableKeyPath<Chunks, Int>)] {
        [("created", \.created), ("embedded", \.embedded), ("indexed", \.indexed)]
    }

    /// Writes the progress as one JSON object, keys in order.
    public func write(to json: inout JSONWriter) {
        json.beginObject()
        Self.write("beganAt", beganAt, to: &json)
        json.key("chunks")
        Self.writeCounters(chunks, Self.chunkCounters, to: &json)
        json.key("documents")
        Self.writeCounters(documents, Self.documentCounters, to: &json)
        if let error {
            json.key("error")
            json.string(error)
        }
        json.key("pageCursor")
        json.int(Int(pageCursor))
        Self.write("semanticReadyAt", semanticReadyAt, to: &json)
        json.key("stages")
        json.beginObject()
        for (stage, times) in stages.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            json.key(stage.rawValue)
            json.beginObject()
            json.key("failed")
            json.bool(times.failed)
            Self.write("finishedAt", times.finishedAt, to: &json)
            Self.write("startedAt", times.startedAt, to: &json)
            json.endObject()
        }
        json.endObject()
        Self.write("textIndexedAt", textIndexedAt, to: &json)
        json.endObject()
    }

    /// A date under `key` as `JSONEncoder` wrote one (seconds since 2001); nothing when there is none.
    private static func write(_ key: String, _ date: Date?, to json: inout JSONWriter) {
        guard let date else { return }
        json.key(key)
        json.double(date.timeIntervalSinceReferenceDate)
    }

    private static func writeCounters<Value>(_ value: Value, _ counters: [(key: String, field: WritableKeyPath<Value, Int>)],
                                             to json: inout JSONWriter) {
        json.beginObject()
        for (key, field) in counters {
            json.key(key)
            json.int(value[keyPath: field])
        }
        json.endObject()
    }

    /// Progress read from the layout. A counter or stage missing counts from zero or as not begun (rows written before
    /// it existed); a key the layout does not know is skipped (a newer Trawl's, during a rolling upgrade); a value of
    /// another type is an error rather than a guess.
    public init(reading value: ConfigValue) throws(StoreError) {
        self.init()
        for (key, field) in try Self.fields(value, "the progress") {
            switch key {
            case "documents": documents = try Self.counters(field, Self.documentCounters, key)
            case "chunks": chunks = try Self.counters(field, Self.chunkCounters, key)
            case "pageCursor": pageCursor = Int64(try Self.int(field, key))
            case "beganAt": beganAt = try Self.optionalDate(field, key)
            case "error": error = try Self.optionalString(field, key)
            case "semanticReadyAt": semanticReadyAt = try Self.optionalDate(field, key)
            case "textIndexedAt": textIndexedAt = try Self.optionalDate(field, key)
            case "stages":
                for (name, times) in try Self.fields(field, key) {
                    guard let stage = PipelineStage(rawValue: name) else { continue }
                    stages[stage] = try Self.stageTimes(times, "stages.\(name)")
                }
            default: continue
            }
        }
    }

    private static func stageTimes(_ value: ConfigValue, _ name: String) throws(StoreError) -> StageTimes {
        var times = StageTimes()
        for (key, field) in try fields(value, name) {
            switch key {
            case "startedAt": times.startedAt = try optionalDate(field, "\(name).\(key)")
            case "finishedAt": times.finishedAt = try optionalDate(field, "\(name).\(key)")
            case "failed":
                guard case .bool(let failed) = field else { throw unreadable("\(name).failed is not a boolean") }
                times.failed = failed
            default: continue
            }
        }
        return times
    }

    private static func counters<Value>(_ value: ConfigValue, _ table: [(key: String, field: WritableKeyPath<Value, Int>)],
                                        _ name: String) throws(StoreError) -> Value where Value: CountersStartingAtZero {
        var counters = Value()
        let paths = Dictionary(uniqueKeysWithValues: table.map { ($0.key, $0.field) })
        for (key, field) in try fields(value, name) {
            guard let path = paths[key] else { continue }
            counters[keyPath: path] = try int(field, "\(name).\(key)")
        }
        return counters
    }

    private static func fields(_ value: ConfigValue, _ name: String) throws(StoreError) -> [(String, ConfigValue)] {
        guard case .object(let fields) = value else { throw unreadable("\(name) is not an object") }
        return fields
    }

    private static func int(_ value: ConfigValue, _ name: String) throws(StoreError) -> Int {
        guard case .int(let number) = value else { throw unreadable("\(name) is not a whole number") }
        return number
    }

    private static func optionalString(_ value: ConfigValue, _ name: String) throws(StoreError) -> String? {
        switch value {
        case .null: return nil
        case .string(let text): return text
        default: throw unreadable("\(name) is not text")
        }
    }

    private static func optionalDate(_ value: ConfigValue, _ name: String) throws(StoreError) -> Date? {
        switch value {
        case .null: return nil
        case .double(let seconds): return Date(timeIntervalSinceReferenceDate: seconds)
        case .int(let seconds): return Date(timeIntervalSinceReferenceDate: Double(seconds))
        default: throw unreadable("\(name) is not a date")
        }
    }

    public static var storedName: String { "a run's stored pipeline progress" }

    private static func unreadable(_ reason: String) -> StoreError {
        StoreError(.corrupt, "\(storedName) cannot be read: \(reason)")
    }
}

/// Counters a layout reads into, each starting from zero.
protocol CountersStartingAtZero { init() }
extension PipelineProgress.Documents: CountersStartingAtZero {}
extension PipelineProgress.Chunks: CountersStartingAtZero {}
