import Foundation
import NIOCore
import PostgresNIO
import TrawlCore

/// A `jsonb` (or `json`) column's text, written and read as it is: the adapter decides how a domain value is spelt
/// (`PostgresCoding`), so the same JSON is stored whatever driver defaults say.
struct JSONColumn: PostgresNonThrowingEncodable, PostgresDecodable, Sendable, Equatable {
    var text: String

    /// JSON to write. `jsonb` refuses the escape `\u0000` (PostgreSQL's `text` cannot hold U+0000), so it is written
    /// as `\ufffd`, as every store writes U+0000 (`StorableText`): a tenant's label or config, or a crawled page's
    /// heading, with a NUL in it is stored, not refused.
    init(_ text: String) { self.text = StorableText.json(text) }

    static var psqlType: PostgresDataType { .jsonb }
    static var psqlFormat: PostgresFormat { .binary }

    /// jsonb's binary form: a version byte, then the text.
    private static let version: UInt8 = 1

    func encode<E: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<E>) {
        buffer.writeInteger(Self.version)
        buffer.writeString(text)
    }

    init<D: PostgresJSONDecoder>(from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
                                 context: PostgresDecodingContext<D>) throws {
        switch (format, type) {
        case (.binary, .jsonb):
            guard buffer.readInteger(as: UInt8.self) == Self.version else { throw PostgresDecodingError.Code.failure }
            text = buffer.readString(length: buffer.readableBytes) ?? ""
        case (.binary, .json), (.text, .json), (.text, .jsonb):
            text = buffer.readString(length: buffer.readableBytes) ?? ""
        default:
            throw PostgresDecodingError.Code.typeMismatch
        }
    }
}
