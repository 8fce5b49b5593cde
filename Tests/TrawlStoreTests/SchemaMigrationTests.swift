import Foundation
import GRDB
import Testing
import TrawlCore
@testable import TrawlStore

/// The schema runner on its own: all pending steps in one transaction, foreign keys held off while they run.
@Suite struct SchemaMigrationTests {
    let queue: DatabaseQueue

    init() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-schema-\(UUID().uuidString).db").path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    static let base = SchemaMigration("v1") { db in
        try db.execute(sql: """
            CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);
            CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id) ON DELETE CASCADE);
            INSERT INTO parent VALUES (1, 'a');
            INSERT INTO child VALUES (10, 1);
            """)
    }

    func count(_ table: String) throws -> Int {
        try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }

    @Test func rebuildingATableDoesNotCascadeIntoTheRowsThatReferToIt() throws {
        let rebuild = SchemaMigration("v2") { db in
            try db.execute(sql: """
                CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');
                INSERT INTO parent_new SELECT id, name FROM parent;
                DROP TABLE parent;
                ALTER TABLE parent_new RENAME TO parent;
                """)
        }
        try queue.writeWithoutTransaction { try SchemaMigration.migrate($0, with: [Self.base, rebuild]) }
        #expect(try count("child") == 1)
        #expect(try queue.read { try Bool.fetchOne($0, sql: "PRAGMA foreign_keys") } == true)
        // Applied steps are not run again.
        try queue.writeWithoutTransaction { try SchemaMigration.migrate($0, with: [Self.base, rebuild]) }
        #expect(try count("parent") == 1)
    }

    @Test func aStepThatLeavesADanglingReferenceIsRolledBackWithTheOthers() throws {
        let orphan = SchemaMigration("v2") { db in
            try db.execute(sql: "DELETE FROM parent")
        }
        #expect {
            try queue.writeWithoutTransaction { try SchemaMigration.migrate($0, with: [Self.base, orphan]) }
        } throws: { error in
            (error as? StoreError)?.message.contains("dangling reference in child") == true
        }
        // Nothing of either step stayed.
        #expect(try queue.read { try $0.tableExists("parent") } == false)
    }
}
