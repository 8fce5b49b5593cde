import Foundation
import GRDB
import Synchronization
import Testing
import TrawlCore
@testable import TrawlStore

/// What is SQLite's own: real files in a temporary folder (reopened, opened at once by many, written by a newer Trawl,
/// not a database at all), the tables behind the label index and the query plans of the listings.
@Suite struct SQLiteStoreFileTests {
    let directory: URL
    let store: SQLiteStore
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-store-\(UUID().uuidString)")
        store = try SQLiteStore(path: directory.appendingPathComponent("nested/trawl.db").path)
    }

    func makeJob(_ name: String = "docs", tenant: String = "acme", labels: [String: String] = ["team": "search"])
        async throws -> Job {
        let config = CrawlConfig(seeds: [.staticList(urls: ["https://example.com/"])])
        let job = Job(tenantID: tenant, name: name, labels: labels, config: config, createdAt: now, updatedAt: now)
        try await store.insertJob(job)
        return job
    }

    func makeRun(_ job: Job, at offset: Double, status: RunStatus = .pending, reason: StopReason? = nil) async throws -> Run {
        var run = Run(job: job, createdAt: now.addingTimeInterval(offset))
        run.status = status
        run.stopReason = reason
        try await store.insertRun(run)
        return run
    }

    func ids(_ change: (inout RunQuery) -> Void) async throws -> [RunID] {
        var query = RunQuery(tenantID: "acme")
        query.limit = 100
        change(&query)
        return try await store.runs(matching: query).map(\.id)
    }

    @Test func theStoreSurvivesReopening() async throws {
        let job = try await makeJob()
        let reopened = try SQLiteStore(path: store.path)
        #expect(try await reopened.job(job.id, tenantID: "acme")?.name == "docs")
    }

    /// A server and a CLI command (or two crawls) opening a new file at once: each must wait its turn to create the
    /// schema, not fail on the other's half-made tables or on the switch to WAL.
    @Test func processesOpeningANewFileAtOnceAllGetTheStore() throws {
        for file in 0..<12 {
            let path = directory.appendingPathComponent("shared-\(file).db").path
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 6) { _ in
                do { _ = try SQLiteStore(path: path) } catch { failures.withLock { $0.append("\(error)") } }
            }
            #expect(failures.withLock { $0 }.isEmpty)
        }
    }

    @Test func aStoreWrittenByANewerTrawlIsRefusedUntouched() async throws {
        let job = try await makeJob()
        try await DatabaseQueue(path: store.path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        #expect {
            try SQLiteStore(path: store.path)
        } throws: { error in
            (error as? StoreError)?.message.contains("newer version of Trawl (schema v99-from-the-future)") == true
        }
        #expect(try await store.job(job.id, tenantID: "acme")?.name == "docs")
    }

    @Test func aFileThatIsNotADatabaseIsAClearError() throws {
        let path = directory.appendingPathComponent("garbage.db").path
        try Data("this is not sqlite".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
    }

    @Test func labelFiltersFollowRunsCreatedAndDeleted() async throws {
        let job = try await makeJob("docs", labels: ["team": "search"])
        let kept = try await makeRun(job, at: 1)
        let dropped = try await makeRun(job, at: 2)
        #expect(try await ids { $0.labels = ["team": "search"] } == [dropped.id, kept.id])
        #expect(try await store.deleteRun(dropped.id))
        #expect(try await ids { $0.labels = ["team": "search"] } == [kept.id])
        let pool = try DatabaseQueue(path: store.path)
        #expect(try await pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM run_labels") } == 1)
    }

    @Test func filtersUseTheirIndexes() async throws {
        let job = try await makeJob("docs", labels: ["team": "search"])
        _ = try await makeRun(job, at: 1)
        let pool = try DatabaseQueue(path: store.path)
        func plan(_ condition: String) async throws -> String {
            try await pool.read { db in
                try Row.fetchAll(db, sql: """
                    EXPLAIN QUERY PLAN SELECT * FROM runs WHERE tenant_id = 'acme' AND \(condition)
                    ORDER BY created_at DESC, id DESC LIMIT 11
                    """).map { $0["detail"] as String }.joined(separator: "\n")
            }
        }
        // Filtered and sorted by one index: no scan of the tenant's runs and no temporary sort.
        for (condition, index) in [("status IN ('running')", "runs_by_status"), ("stop_reason IN ('manual')", "runs_by_stop_reason")] {
            let detail = try await plan(condition)
            #expect(detail.contains(index), "\(detail)")
            #expect(!detail.contains("TEMP B-TREE"), "\(detail)")
        }
        // A label filter walks that label's rows of run_labels, already in the list's order: the statement the
        // store builds, cursor and second filter included.
        var filter = ListFilter()
        filter.equals("tenant_id", "acme")
        filter.anyOf("status", ["running"])
        filter.runLabels(["team": "search", "env": "prod"], tenantID: "acme")
        filter.after(createdAt: now, id: RunID().description)
        let (sql, arguments) = filter.select(from: "runs", limit: 11)
        let labelled = try await pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
                .map { $0["detail"] as String }.joined(separator: "\n")
        }
        #expect(labelled.contains("SEARCH run_labels USING PRIMARY KEY"), "\(labelled)")
        #expect(!labelled.contains("TEMP B-TREE") && !labelled.contains("json_each"), "\(labelled)")
    }
}
