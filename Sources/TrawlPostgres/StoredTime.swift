import Foundation
import NIOCore
import PostgresNIO
import TrawlCore

/// A `timestamptz` at the millisecond, the precision the domain keeps (`Timestamp`) and the SQLite store writes.
///
/// postgres-nio writes a `Date` by truncating to the microsecond, so a millisecond such as .001 (0.000999… as a
/// double) was stored as .000999 and a created-after bound on it matched the row it should exclude; and it reads one
/// back through another floating-point path than `Timestamp`'s, so a value did not round-trip bit for bit. This type
/// rounds to the millisecond once, writes exact microseconds, and reads back to the same `Date` as the SQLite adapter.
struct StoredTime: PostgresNonThrowingEncodable, PostgresDecodable, Sendable, Equatable {
    /// Milliseconds since 1970.
    let milliseconds: Int64

    /// `date` to the millisecond, within the years the SQLite store writes (`Timestamp.representable`): a time past
    /// them (a trigger's far-off due time) is kept as the nearest end, as there, instead of trapping in the conversion.
    init(_ date: Date) {
        milliseconds = Int64((Timestamp.clamped(date).timeIntervalSince1970 * 1_000).rounded())
    }

    /// A time already at the millisecond (a copied row's).
    init(milliseconds: Int64) { self.milliseconds = milliseconds }

    var date: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1_000) }

    static var psqlType: PostgresDataType { .timestamptz }
    static var psqlFormat: PostgresFormat { .binary }

    /// PostgreSQL counts microseconds from 2000-01-01.
    private static let epochShift: Int64 = 946_684_800_000

    func encode<E: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<E>) {
        buffer.writeInteger((milliseconds - Self.epochShift) * 1_000)
    }

    init<D: PostgresJSONDecoder>(from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
                                 context: PostgresDecodingContext<D>) throws {
        guard type == .timestamptz || type == .timestamp, format == .binary, buffer.readableBytes == 8,
              let microseconds = buffer.readInteger(as: Int64.self) else {
            throw PostgresDecodingError.Code.typeMismatch
        }
        milliseconds = Int64((Double(microseconds) / 1_000).rounded()) + Self.epochShift
    }
}

extension PostgresQuery.StringInterpolation {
    /// Dates are bound at the millisecond (`StoredTime`), never through postgres-nio's truncating `Date` encoding.
    mutating func appendInterpolation(_ date: Date) {
        appendInterpolation(StoredTime(date))
    }

    mutating func appendInterpolation(_ date: Date?) {
        appendInterpolation(date.map(StoredTime.init))
    }
}

extension PostgresRandomAccessRow {
    /// A time column, read back to the same `Date` the SQLite adapter gives.
    func value(_ name: String, as type: Date.Type = Date.self) throws(StoreError) -> Date {
        try value(name, as: StoredTime.self).date
    }

    func value(_ name: String, as type: Date?.Type = Date?.self) throws(StoreError) -> Date? {
        try value(name, as: StoredTime?.self)?.date
    }
}
