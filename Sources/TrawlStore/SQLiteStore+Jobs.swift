import Foundation
import GRDB
import TrawlCore

extension SQLiteStore: JobStore {
    public func insertJob(_ job: Job, within limit: Int?) async throws(StoreError) -> Bool {
        let columns = try encode { try Self.columns(of: job) }
        return try await write("create job \(job.id)") { db in
            if let limit, try Self.holds(.jobs, tenant: job.tenantID, atLeast: limit, in: db) { return false }
            try Self.insert(jobColumns: columns, in: db)
            return true
        }
    }

    static func columns(of job: Job) throws -> [DatabaseValue] {
        [job.id.description.databaseValue, job.tenantID.databaseValue, RowCoding.value(job.name),
         try RowCoding.json(job.labels).databaseValue, try RowCoding.config(job.config).databaseValue,
         Timestamp.format(job.createdAt).databaseValue, Timestamp.format(job.updatedAt).databaseValue]
    }

    static func insert(jobColumns: [DatabaseValue], in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO jobs (id, tenant_id, name, labels, config, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: StatementArguments(jobColumns))
    }

    public func job(_ id: JobID, tenantID: String) async throws(StoreError) -> Job? {
        try await read("read job \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ? AND tenant_id = ?",
                             arguments: [id.description, tenantID]).map(Self.job(from:))
        }
    }

    static func job(from row: Row) throws -> Job {
        guard let id = JobID(row["id"] as String) else { throw StoreError(.corrupt, "bad job id") }
        return Job(id: id, tenantID: row["tenant_id"], name: row["name"],
                   labels: try RowCoding.labels(json: row["labels"]),
                   config: try RowCoding.config(json: row["config"]),
                   createdAt: try RowCoding.date(row["created_at"]) ?? Date(),
                   updatedAt: try RowCoding.date(row["updated_at"]) ?? Date())
    }

    func encode<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do { return try body() } catch { throw StoreError(.io, "could not encode a value", detail: "\(error)") }
    }
}

extension SQLiteStore {
    public func jobs(matching query: JobQuery) async throws(StoreError) -> [Job] {
        var filter = ListFilter()
        filter.equals("tenant_id", query.tenantID)
        filter.anyOf("id", query.includeIDs.map(\.description))
        filter.anyOf("id", query.excludeIDs.map(\.description), negated: true)
        filter.anyOf("name", query.names)
        filter.created(before: query.createdBefore, after: query.createdAfter)
        filter.labels(query.labels, of: "jobs")
        if let cursor = query.after { filter.after(createdAt: cursor.createdAt, id: cursor.id.description) }
        let (sql, arguments) = filter.select(from: "jobs", limit: query.limit)
        return try await read("list jobs") { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.job(from:))
        }
    }

    public func updateJob(_ job: Job) async throws(StoreError) {
        let labels = try encode { try RowCoding.json(job.labels) }
        let config = try encode { try RowCoding.config(job.config) }
        try await write("update job \(job.id)") { db in
            try db.execute(
                sql: "UPDATE jobs SET name = ?, labels = ?, config = ?, updated_at = ? WHERE id = ? AND tenant_id = ?",
                arguments: RowCoding.arguments([job.name, labels, config, Timestamp.format(job.updatedAt), job.id.description,
                                                job.tenantID]))
            if db.changesCount == 0 { throw StoreError(.notFound, "job \(job.id) does not exist") }
        }
    }

    public func deleteJob(_ id: JobID, tenantID: String) async throws(StoreError) -> Bool {
        try await write("delete job \(id)") { db in
            // Runs, their frontiers and pages go with the job (ON DELETE CASCADE).
            try db.execute(sql: "DELETE FROM jobs WHERE id = ? AND tenant_id = ?", arguments: [id.description, tenantID])
            return db.changesCount > 0
        }
    }
}
