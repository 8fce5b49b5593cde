import Foundation

/// The one layout of a run's counters: a JSON object with a key per counter (snake_case) and `http_status` (responses by
/// status code), keys in alphabetical order. The stores write it into their progress columns and read it back, the API
/// serves it inside a run, and `Codable` follows it too, all from the table below: a new counter is one line here.
extension RunProgress: JSONLayout {
    /// Every counter by its key, in key order.
    static var counters: [(key: String, field: WritableKeyPath<RunProgress, Int>)] {
        [
            ("bytes_downloaded", \.bytesDownloaded), ("depth_reached", \.depthReached), ("discovered", \.discovered),
            ("empty_evaluations", \.emptyEvaluations), ("evaluations", \.evaluations), ("excluded", \.excluded),
            ("failed", \.failed), ("fetched", \.fetched), ("in_flight", \.inFlight), ("processed", \.processed),
            ("queued", \.queued), ("reused", \.reused), ("unchanged", \.unchanged),
        ]
    }

    /// The key of the responses by status code (written between `fetched` and `in_flight`, in key order).
    static var statusKey: String { "http_status" }

    /// Writes the counters as one JSON object, keys in order (`http_status` where it sorts among the counters).
    public func write(to json: inout JSONWriter) {
        json.beginObject()
        var statusesWritten = false
        for (key, field) in Self.counters {
            if !statusesWritten, key > Self.statusKey {
                writeStatuses(to: &json)
                statusesWritten = true
            }
            json.key(key)
            json.int(self[keyPath: field])
        }
        if !statusesWritten { writeStatuses(to: &json) }
        json.endObject()
    }

    private func writeStatuses(to json: inout JSONWriter) {
        json.key(Self.statusKey)
        json.beginObject()
        for (status, count) in httpStatus.sorted(by: { $0.key < $1.key }) {
            json.key(status)
            json.int(count)
        }
        json.endObject()
    }

    /// Counters read from the layout. A counter missing counts from zero (rows written before it existed); a key the
    /// layout does not know is skipped (a newer Trawl's counter, during a rolling upgrade); a value of another type is
    /// an error rather than a guess.
    public init(reading value: ConfigValue) throws(StoreError) {
        self.init()
        guard case .object(let fields) = value else { throw Self.unreadable("it is not an object") }
        let counters = Dictionary(uniqueKeysWithValues: Self.counters.map { ($0.key, $0.field) })
        for (key, field) in fields {
            if key == Self.statusKey {
                guard case .object(let statuses) = field else { throw Self.unreadable("\(key) is not an object") }
                for (status, count) in statuses {
                    guard case .int(let count) = count else { throw Self.unreadable("\(key).\(status) is not a number") }
                    httpStatus[status] = count
                }
            } else if let path = counters[key] {
                guard case .int(let count) = field else { throw Self.unreadable("\(key) is not a number") }
                self[keyPath: path] = count
            }
        }
    }

    public static var storedName: String { "a run's stored counters" }

    private static func unreadable(_ reason: String) -> StoreError {
        StoreError(.corrupt, "\(storedName) cannot be read: \(reason)")
    }
}

/// `Codable` in the same layout, for the places that encode whole values with `JSONEncoder` (the API's `Encodable`
/// run, PostgreSQL's `jsonb` binding).
extension RunProgress: Codable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (key, field) in Self.counters { try container.encode(self[keyPath: field], forKey: Key(stringValue: key)) }
        try container.encode(httpStatus, forKey: Key(stringValue: Self.statusKey))
    }

    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: Key.self)
        for (key, field) in Self.counters {
            self[keyPath: field] = try container.decodeIfPresent(Int.self, forKey: Key(stringValue: key)) ?? 0
        }
        httpStatus = try container.decodeIfPresent([String: Int].self, forKey: Key(stringValue: Self.statusKey)) ?? [:]
    }
}
