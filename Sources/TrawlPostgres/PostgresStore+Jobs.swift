import Foundation
import PostgresNIO
import TrawlCore

extension PostgresStore: JobStore {
    public func insertJob(_ job: Job, within limit: Int?) async throws(StoreError) -> Bool {
        let query = try Self.insertion(of: job)
        return try await transaction("create job \(job.id)") { connection in
            if let limit, try await Self.holds(.jobs, tenant: job.tenantID, atLeast: limit, on: connection, logger: self.logger) {
                return false
            }
            try await Self.execute(query, on: connection, logger: self.logger)
            return true
        }
    }

    static func insertion(of job: Job) throws(StoreError) -> PostgresQuery {
        let labels = try PostgresCoding.json(job.labels)
        let config = try PostgresCoding.config(job.config)
        return """
            INSERT INTO jobs (id, tenant_id, name, labels, config, created_at, updated_at)
            VALUES (\(job.id.uuid), \(job.tenantID), \(job.name), \(labels), \(config), \(job.createdAt), \(job.updatedAt))
            """
    }

    public func job(_ id: JobID, tenantID: String) async throws(StoreError) -> Job? {
        try await rows("read job \(id)", "SELECT * FROM jobs WHERE id = \(id.uuid) AND tenant_id = \(tenantID)")
            .first.map { row throws(StoreError) in try Self.job(from: row) }
    }

    static func job(from row: PostgresRandomAccessRow) throws(StoreError) -> Job {
        Job(id: JobID(try row.value("id", as: UUID.self)), tenantID: try row.value("tenant_id"), name: try row.value("name"),
            labels: try PostgresCoding.decode([String: String].self, try row.value("labels")),
            config: try PostgresCoding.config(try row.value("config")),
            createdAt: try row.value("created_at"), updatedAt: try row.value("updated_at"))
    }

    public func jobs(matching query: JobQuery) async throws(StoreError) -> [Job] {
        var filter = PostgresListFilter()
        filter.equals("tenant_id", query.tenantID)
        filter.anyOf("id", query.includeIDs.map(\.uuid))
        filter.anyOf("id", query.excludeIDs.map(\.uuid), negated: true)
        filter.anyOf("name", query.names)
        filter.created(before: query.createdBefore, after: query.createdAfter)
        try filter.labels(query.labels)
        if let cursor = query.after { filter.after(createdAt: cursor.createdAt, id: cursor.id.uuid) }
        return try await rows("list jobs", filter.select(from: "jobs", limit: query.limit))
            .map { row throws(StoreError) in try Self.job(from: row) }
    }

    public func updateJob(_ job: Job) async throws(StoreError) {
        let labels = try PostgresCoding.json(job.labels)
        let config = try PostgresCoding.config(job.config)
        let changed = try await transaction("update job \(job.id)") { connection in
            try await Self.execute("""
                UPDATE jobs SET name = \(job.name), labels = \(labels), config = \(config), updated_at = \(job.updatedAt)
                WHERE id = \(job.id.uuid) AND tenant_id = \(job.tenantID) RETURNING 1
                """, on: connection, logger: self.logger)
        }
        if changed == 0 { throw StoreError(.notFound, "job \(job.id) does not exist") }
    }

    public func deleteJob(_ id: JobID, tenantID: String) async throws(StoreError) -> Bool {
        // Runs, their frontiers and pages go with the job (ON DELETE CASCADE).
        try await transaction("delete job \(id)") { connection in
            try await Self.execute("DELETE FROM jobs WHERE id = \(id.uuid) AND tenant_id = \(tenantID) RETURNING 1",
                                   on: connection, logger: self.logger)
        } > 0
    }
}
