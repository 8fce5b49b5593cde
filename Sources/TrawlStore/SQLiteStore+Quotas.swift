import GRDB
import TrawlCore

extension SQLiteStore {
    /// What a tenant's quota counts.
    enum QuotaTable: String {
        case jobs, triggers
    }

    /// Whether the tenant holds `limit` rows of `table` already; called in the inserting write, which is serial, so
    /// nothing is inserted between the count and the insert. The count stops at `limit`.
    static func holds(_ table: QuotaTable, tenant: String, atLeast limit: Int, in db: Database) throws -> Bool {
        let held = try Int.fetchOne(
            db, sql: "SELECT count(*) FROM (SELECT 1 FROM \(table.rawValue) WHERE tenant_id = ? LIMIT ?)",
            arguments: [tenant, limit]) ?? 0
        return held >= limit
    }
}
