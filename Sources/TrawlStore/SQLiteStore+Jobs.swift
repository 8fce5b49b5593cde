import Foundation
import GRDB
import TrawlCore

extension SQLiteStore: JobStore {
    public func insertJob(_ job: Job) async throws(StoreError) {
        let labels = try encode { try RowCoding.json(job.labels) }
        let config = try encode { try RowCoding.config(job.config) }
        try await write("create job \(job.id)") { db in
            try db.execute(
                sql: """
                    INSERT INTO jobs (id, tenant_id, name, labels, config, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [job.id.description, job.tenantID, job.name, labels, config,
                            Timestamp.format(job.createdAt), Timestamp.format(job.updatedAt)])
        }
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
                   labels: try RowCoding.decode([String: String].self, json: row["labels"]),
                   config: try RowCoding.config(json: row["config"]),
                   createdAt: try RowCoding.date(row["created_at"]) ?? Date(),
                   updatedAt: try RowCoding.date(row["updated_at"]) ?? Date())
    }

    func encode<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do { return try body() } catch { throw StoreError(.io, "could not encode: \(error)") }
    }
}

extension SQLiteStore {
    public func jobs(matching query: JobQuery) async throws(StoreError) -> [Job] {
        var clauses = ["tenant_id = ?"]
        var arguments: [DatabaseValue] = [query.tenantID.databaseValue]
        func list(_ column: String, _ values: [String], negate: Bool = false) {
            guard !values.isEmpty else { return }
            let marks = Array(repeating: "?", count: values.count).joined(separator: ",")
            clauses.append("\(column) \(negate ? "NOT IN" : "IN") (\(marks))")
            arguments.append(contentsOf: values.map(\.databaseValue))
        }
        list("id", query.includeIDs.map(\.description))
        list("id", query.excludeIDs.map(\.description), negate: true)
        list("name", query.names)
        if let before = query.createdBefore {
            clauses.append("created_at < ?")
            arguments.append(Timestamp.format(before).databaseValue)
        }
        if let after = query.createdAfter {
            clauses.append("created_at > ?")
            arguments.append(Timestamp.format(after).databaseValue)
        }
        for (key, value) in query.labels.sorted(by: { $0.key < $1.key }) {
            clauses.append("EXISTS (SELECT 1 FROM json_each(jobs.labels) WHERE json_each.key = ? AND json_each.value = ?)")
            arguments.append(contentsOf: [key.databaseValue, value.databaseValue])
        }
        if let cursor = query.after {
            let stamp = Timestamp.format(cursor.createdAt).databaseValue
            clauses.append("(created_at < ? OR (created_at = ? AND id < ?))")
            arguments.append(contentsOf: [stamp, stamp, cursor.id.description.databaseValue])
        }
        arguments.append(query.limit.databaseValue)
        let sql = "SELECT * FROM jobs WHERE \(clauses.joined(separator: " AND ")) ORDER BY created_at DESC, id DESC LIMIT ?"
        let finalArguments = StatementArguments(arguments)
        return try await read("list jobs") { db in
            try Row.fetchAll(db, sql: sql, arguments: finalArguments).map(Self.job(from:))
        }
    }

    public func updateJob(_ job: Job) async throws(StoreError) {
        let labels = try encode { try RowCoding.json(job.labels) }
        let config = try encode { try RowCoding.config(job.config) }
        try await write("update job \(job.id)") { db in
            try db.execute(
                sql: "UPDATE jobs SET name = ?, labels = ?, config = ?, updated_at = ? WHERE id = ? AND tenant_id = ?",
                arguments: [job.name, labels, config, Timestamp.format(job.updatedAt), job.id.description, job.tenantID])
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
