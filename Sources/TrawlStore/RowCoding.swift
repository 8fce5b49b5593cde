import Foundation
import Synchronization
import GRDB
import TrawlCore

/// Conversions between domain values and column values, in one place so every table agrees.
enum RowCoding {
    /// JSON as stored: `\u0000` as `\ufffd`, as PostgreSQL must store it (`StorableText`), so both stores answer alike.
    static func json<T: Encodable>(_ value: T) throws -> String {
        StorableText.json(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// A column value as stored. GRDB binds a string as a C string, so SQLite kept a text only up to its first U+0000
    /// and lost the rest; text is stored with U+0000 as U+FFFD instead, as every store does (`StorableText`).
    static func value(_ value: (any DatabaseValueConvertible)?) -> DatabaseValue {
        guard let value else { return .null }
        if let text = value as? String { return StorableText.text(text).databaseValue }
        return value.databaseValue
    }

    /// Statement arguments with text as stored (see `value(_:)`).
    ///
    /// Built through GRDB's initializer for optional existentials: the one for `[DatabaseValue]` maps through a key
    /// path, which an unspecialised generic instantiates at every call; on the crawl's write path (about seventy
    /// values a page) that was 4% of the crawl's CPU (perf, session 22).
    static func arguments(_ values: [(any DatabaseValueConvertible)?]) -> StatementArguments {
        StatementArguments(values.map { value -> (any DatabaseValueConvertible)? in Self.value(value) })
    }

    static func decode<T: Decodable>(_ type: T.Type, json: String) throws -> T {
        try decoder.decode(type, from: Data(json.utf8))
    }

    static func config(_ config: CrawlConfig) throws -> String { try json(config.configValue) }

    static func config(json: String) throws -> CrawlConfig {
        if let cached = configCache.withLock({ $0[json] }) { return cached }
        let config: CrawlConfig
        do {
            config = try CrawlConfig(from: try JSONReader.value(of: json))
        } catch let error as ManifestError {
            throw StoreError(.corrupt, "a stored config no longer validates: \(error)")
        }
        configCache.withLock { cache in
            if cache.count >= 256 { cache.removeAll(keepingCapacity: true) }
            cache[json] = config
        }
        return config
    }

    /// Decoded configs by their stored JSON. Every run of a job stores the same config, and decoding one means
    /// validating it (regular expressions compiled and all): listing 100 runs must not do that 100 times.
    private static let configCache = Mutex<[String: CrawlConfig]>([:])

    static func timestamp(_ date: Date?) -> String? { date.map(Timestamp.format) }

    static func date(_ text: String?) throws -> Date? {
        guard let text else { return nil }
        guard let date = Timestamp.parse(text) else { throw StoreError(.corrupt, "bad stored timestamp '\(text)'") }
        return date
    }

    /// Fingerprints are unsigned; SQLite integers are signed: store the same 64 bits.
    static func column(_ fingerprint: UInt64) -> Int64 { Int64(bitPattern: fingerprint) }
    static func fingerprint(_ column: Int64) -> UInt64 { UInt64(bitPattern: column) }

    /// Shared: a list of 100 runs decodes four columns a row, and a decoder per column was measurable.
    private static let decoder = JSONDecoder()

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}
