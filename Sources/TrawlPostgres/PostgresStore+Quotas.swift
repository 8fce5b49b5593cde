import PostgresNIO
import TrawlCore

extension PostgresStore {
    /// What a tenant's quota counts.
    enum QuotaTable {
        case jobs, triggers
    }

    /// Whether the tenant holds `limit` rows of `table` already. Takes a transaction-scoped lock on the tenant's
    /// count first, so that inserts checked this way take turns across every process on the database and none
    /// slips past the limit; the count stops at `limit`, so it costs no more than the limit allows.
    static func holds(_ table: QuotaTable, tenant: String, atLeast limit: Int, on connection: PostgresConnection,
                      logger: Logger) async throws -> Bool {
        let lockName = "trawl-quota-\(table):" + tenant
        try await execute("SELECT pg_advisory_xact_lock(hashtextextended(\(lockName), 0))", on: connection, logger: logger)
        let query: PostgresQuery = switch table {
        case .jobs: "SELECT count(*) AS n FROM (SELECT 1 FROM jobs WHERE tenant_id = \(tenant) LIMIT \(limit)) held"
        case .triggers: "SELECT count(*) AS n FROM (SELECT 1 FROM triggers WHERE tenant_id = \(tenant) LIMIT \(limit)) held"
        }
        let held = try await rows(of: query, on: connection, logger: logger).first?.value("n", as: Int.self) ?? 0
        return held >= limit
    }
}
