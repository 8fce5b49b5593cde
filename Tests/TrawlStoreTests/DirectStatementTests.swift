import Foundation
import GRDB
import Testing
@testable import TrawlStore

/// The crawl's direct binding keeps the store's rules that GRDB's arguments kept: empty text and blobs are not NULL,
/// U+0000 in text is stored as U+FFFD, a value left unbound or refused is an error rather than a silent NULL, and a
/// failed step throws SQLite's result code.
@Suite struct DirectStatementTests {
    static func database() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT, blob BLOB, number REAL, flag INTEGER)")
        }
        return queue
    }

    @Test func valuesAreStoredAsGRDBWouldStoreThem() throws {
        let queue = try Self.database()
        try queue.write { db in
            var insert = try DirectStatement("INSERT INTO t (id, text, blob, number, flag) VALUES (?, ?, ?, ?, ?)", in: db)
            let rows: [(Int, String?, [UInt8], Double?, Bool)] = [
                (1, "", [], nil, true), (2, nil, [1, 2], 2.5, false), (3, "a\u{0}b", [0], 0, true), (4, "ünï", [], -1, false),
            ]
            for (id, text, blob, number, flag) in rows {
                insert.bind(id)
                insert.bind(text)
                insert.bind(blob)
                insert.bind(number)
                insert.bind(flag)
                try insert.execute()
            }
        }
        let stored = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT text, typeof(text) AS tt, blob, typeof(blob) AS bt, number, flag FROM t ORDER BY id")
        }
        #expect(stored.map { $0["tt"] as String } == ["text", "null", "text", "text"])
        #expect(stored.map { $0["text"] as String? } == ["", nil, "a\u{FFFD}b", "ünï"])
        #expect(stored.map { $0["bt"] as String } == ["blob", "blob", "blob", "blob"])
        #expect(stored.map { ($0["blob"] as Data?).map(Array.init) } == [[], [1, 2], [0], []])
        #expect(stored.map { $0["number"] as Double? } == [nil, 2.5, 0, -1])
        #expect(stored.map { $0["flag"] as Int } == [1, 0, 1, 0])
    }

    @Test func aValueLeftUnboundAndAFailedStepAreErrors() throws {
        let queue = try Self.database()
        try queue.write { db in
            var insert = try DirectStatement("INSERT INTO t (id, text) VALUES (?, ?)", in: db)
            insert.bind(1)
            #expect(throws: DatabaseError.self) { try insert.execute() }
            // The statement is usable again after an error, and a duplicate key fails with SQLite's code.
            insert.bind(1)
            insert.bind("x")
            try insert.execute()
            insert.bind(1)
            insert.bind("y")
            let error = #expect(throws: DatabaseError.self) { try insert.execute() }
            #expect(error?.resultCode == .SQLITE_CONSTRAINT)
        }
        #expect(try queue.read { db in try String.fetchAll(db, sql: "SELECT text FROM t") } == ["x"])
    }
}
