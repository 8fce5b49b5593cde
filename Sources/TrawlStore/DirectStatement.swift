import Foundation
import GRDB
import GRDBSQLite
import TrawlCore

/// One of GRDB's cached statements driven through SQLite's C API: typed values bound in place, in column order, then
/// stepped, with no `StatementArguments` in between. For the crawl's batch inserts, dozens of rows a page: boxing each
/// value into a `DatabaseValue` and GRDB's per-execution checks cost more CPU than SQLite's own work (12% of the
/// crawl's CPU on the 100k-page benchmark, against SQLite's 9%). GRDB still prepares, caches and finalises the
/// statement; nothing in Trawl observes transactions, so GRDB's execution bookkeeping that this skips serves no one.
struct DirectStatement {
    private let handle: OpaquePointer
    private let sql: String
    private var column: CInt = 0
    /// The first refusal of a bind (a value past SQLite's length limit), reported by `execute()`.
    private var refusal: CInt = SQLITE_OK

    init(_ sql: String, in db: Database) throws {
        handle = try db.cachedStatement(sql: sql).sqliteStatement
        self.sql = sql
    }

    mutating func bind(_ value: Int64) {
        column += 1
        note(sqlite3_bind_int64(handle, column, value))
    }

    mutating func bind(_ value: Int) { bind(Int64(value)) }

    mutating func bind(_ value: Bool) { bind(Int64(value ? 1 : 0)) }

    mutating func bind(_ value: Double) {
        column += 1
        note(sqlite3_bind_double(handle, column, value))
    }

    mutating func bind(_ value: Int?) {
        guard let value else { return bindNull() }
        bind(Int64(value))
    }

    mutating func bind(_ value: Int64?) {
        guard let value else { return bindNull() }
        bind(value)
    }

    mutating func bind(_ value: Double?) {
        guard let value else { return bindNull() }
        bind(value)
    }

    /// Text, copied by SQLite (the string's storage may not outlive this call), with U+0000 stored as U+FFFD as all
    /// stored text is (`StorableText`).
    mutating func bind(_ value: String?) {
        guard var value else { return bindNull() }
        let handle = handle, column = column + 1
        let code = value.withUTF8 { text -> CInt? in
            // A NULL pointer would bind NULL, not the empty string.
            guard let start = text.baseAddress else {
                return sqlite3_bind_text(handle, column, Self.empty, 0, Self.transient)
            }
            if memchr(start, 0, text.count) != nil { return nil }
            return sqlite3_bind_text(handle, column, UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self),
                                     CInt(clamping: text.count), Self.transient)
        }
        guard let code else { return bind(StorableText.text(value)) }
        self.column = column
        note(code)
    }

    /// A blob that SQLite reads in place: `bytes` must stay valid until `execute()`.
    mutating func bind(borrowing bytes: UnsafeRawBufferPointer) {
        bindBlob(bytes, destructor: nil)
    }

    /// A blob, copied by SQLite.
    mutating func bind(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { bindBlob($0, destructor: Self.transient) }
    }

    /// An empty blob is bound as a zero-length blob: a NULL pointer would bind NULL.
    private mutating func bindBlob(_ bytes: UnsafeRawBufferPointer, destructor: sqlite3_destructor_type?) {
        column += 1
        guard let start = bytes.baseAddress, !bytes.isEmpty else {
            note(sqlite3_bind_zeroblob(handle, column, 0))
            return
        }
        note(sqlite3_bind_blob(handle, column, start, CInt(clamping: bytes.count), destructor))
    }

    mutating func bindNull() {
        column += 1
        note(sqlite3_bind_null(handle, column))
    }

    private mutating func note(_ code: CInt) {
        if code != SQLITE_OK, refusal == SQLITE_OK { refusal = code }
    }

    /// Runs the statement with the values bound since the last run, then clears them.
    mutating func execute() throws {
        defer {
            column = 0
            refusal = SQLITE_OK
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        guard refusal == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: refusal), message: "a value was refused", sql: sql)
        }
        // A value left unbound would be written as NULL without a word: refuse, as GRDB's arguments check does.
        let expected = sqlite3_bind_parameter_count(handle)
        guard column == expected else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "bound \(column) of \(expected) values", sql: sql)
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let connection = sqlite3_db_handle(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
                                message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
    }

    /// SQLite's "copy this value now" destructor, a sentinel the C header spells as a cast of -1.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    private static let emptyText: StaticString = ""
    private static var empty: UnsafePointer<CChar> {
        UnsafeRawPointer(emptyText.utf8Start).assumingMemoryBound(to: CChar.self)
    }
}
