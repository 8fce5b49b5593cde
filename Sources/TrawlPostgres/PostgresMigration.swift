import Logging
import PostgresNIO
import TrawlCore

/// One named, append-only step of the PostgreSQL schema: never edit one that has shipped; add the next.
struct PostgresMigration: Sendable {
    let identifier: String
    /// Statements run in order, in the migration's transaction (PostgreSQL's DDL is transactional).
    let statements: [String]

    init(_ identifier: String, _ statements: [String]) {
        self.identifier = identifier
        self.statements = statements
    }

    /// An arbitrary but fixed key for `pg_advisory_xact_lock`: "trawl" in ASCII.
    static let lockKey: Int64 = 0x7472_6177_6C

    /// Applies the migrations the database lacks, inside the caller's transaction.
    ///
    /// Several processes starting at once (two servers behind a balancer, a server and `trawl runs`) take turns on a
    /// transaction-scoped advisory lock, then read the applied list under it: the first applies the steps, the rest
    /// find nothing to do. The lock is released with the transaction, so a crashed migrator never holds it. A failed
    /// step rolls the whole upgrade back. A database with a step this build does not know was written by a newer Trawl
    /// and is refused rather than used.
    static func migrate(_ connection: PostgresConnection, with migrations: [PostgresMigration], logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
        try await connection.query(
            "CREATE TABLE IF NOT EXISTS trawl_migrations (identifier text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
            logger: logger)
        var applied = Set<String>()
        for try await identifier in try await connection.query("SELECT identifier FROM trawl_migrations", logger: logger)
            .decode(String.self) {
            applied.insert(identifier)
        }
        let known = Set(migrations.map(\.identifier))
        guard applied.isSubset(of: known) else {
            let unknown = applied.subtracting(known).sorted().joined(separator: ", ")
            throw StoreError(.corrupt, "the store was written by a newer version of Trawl (schema \(unknown))")
        }
        for migration in migrations where !applied.contains(migration.identifier) {
            for statement in migration.statements {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            try await connection.query("INSERT INTO trawl_migrations (identifier) VALUES (\(migration.identifier))",
                                       logger: logger)
        }
    }
}
