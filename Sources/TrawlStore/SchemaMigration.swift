import GRDB
import TrawlCore

/// One named, append-only step of the store's schema: never edit one that has shipped; add the next.
struct SchemaMigration: Sendable {
    /// Recorded in `grdb_migrations` once applied (the table GRDB's migrator kept, so older files stay current).
    let identifier: String
    let apply: @Sendable (Database) throws -> Void

    init(_ identifier: String, _ apply: @escaping @Sendable (Database) throws -> Void) {
        self.identifier = identifier
        self.apply = apply
    }

    /// Applies the migrations `db` lacks, all in one IMMEDIATE transaction.
    ///
    /// Two processes opening a new file at once (a server and `trawl runs`, two CLI crawls) must take turns: the
    /// second waits on the first's write lock (the busy timeout), then reads the applied list inside its own lock and
    /// finds nothing to do. GRDB's `DatabaseMigrator` reads that list outside its per-migration transactions, so both
    /// applied the same migration and one failed ("index … already exists"): 9 of 90 concurrent opens did here.
    /// One transaction also means a failed upgrade leaves the file as it was, never half-migrated.
    ///
    /// Foreign keys are off while migrations run and checked before the commit: a migration that rebuilds a table
    /// (create the new one, copy, drop the old) must not cascade the drop into every row that refers to it.
    static func migrate(_ db: Database, with migrations: [SchemaMigration]) throws {
        let known = Set(migrations.map(\.identifier))
        // The common case, a current file, needs no write lock: a server's busy writer must not delay a reader.
        if try applied(db) == known { return }
        // Only outside a transaction does this pragma take effect.
        try db.execute(sql: "PRAGMA foreign_keys = OFF")
        defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
        try db.inTransaction(.immediate) {
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            let applied = try applied(db)
            guard applied.isSubset(of: known) else {
                let unknown = applied.subtracting(known).sorted().joined(separator: ", ")
                throw StoreError(.corrupt, "the store was written by a newer version of Trawl (schema \(unknown))")
            }
            for migration in migrations where !applied.contains(migration.identifier) {
                try migration.apply(db)
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.identifier])
            }
            if let violation = try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") {
                throw StoreError(.corrupt, "a schema upgrade left a dangling reference in \(violation[0] as String? ?? "a table")")
            }
            return .commit
        }
    }

    private static func applied(_ db: Database) throws -> Set<String> {
        guard try db.tableExists("grdb_migrations") else { return [] }
        return try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
    }
}
