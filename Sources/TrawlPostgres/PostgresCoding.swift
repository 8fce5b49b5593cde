import Foundation
import Synchronization
import TrawlCore

/// Conversions between domain values and column values, in one place so every table agrees. JSON is spelt as the
/// SQLite adapter spells it (sorted keys, dates as seconds since 2001), so a store copied between the two reads alike.
enum PostgresCoding {
    static func json<T: Encodable>(_ value: T) throws(StoreError) -> JSONColumn {
        do { return JSONColumn(String(decoding: try encoder.encode(value), as: UTF8.self)) } catch {
            throw StoreError(.io, "could not encode a value", detail: "\(error)")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ column: JSONColumn) throws(StoreError) -> T {
        do { return try decoder.decode(type, from: Data(column.text.utf8)) } catch {
            throw StoreError(.corrupt, "a stored \(T.self) does not decode: \(error)")
        }
    }

    static func config(_ config: CrawlConfig) throws(StoreError) -> JSONColumn { try json(config.configValue) }

    static func config(_ column: JSONColumn) throws(StoreError) -> CrawlConfig {
        if let cached = configCache.withLock({ $0[column.text] }) { return cached }
        let config: CrawlConfig
        do {
            config = try CrawlConfig(from: try JSONReader.value(of: column.text))
        } catch let error as ManifestError {
            throw StoreError(.corrupt, "a stored config no longer validates: \(error)")
        } catch {
            throw StoreError(.corrupt, "a stored config is not JSON: \(error)")
        }
        configCache.withLock { cache in
            if cache.count >= 256 { cache.removeAll(keepingCapacity: true) }
            cache[column.text] = config
        }
        return config
    }

    /// Decoded configs by their stored JSON: every run of a job stores the same config, and decoding one validates it.
    private static let configCache = Mutex<[String: CrawlConfig]>([:])

    /// Fingerprints are unsigned; PostgreSQL's bigint is signed: store the same 64 bits.
    static func column(_ fingerprint: UInt64) -> Int64 { Int64(bitPattern: fingerprint) }
    static func fingerprint(_ column: Int64) -> UInt64 { UInt64(bitPattern: column) }

    private static let decoder = JSONDecoder()

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}
