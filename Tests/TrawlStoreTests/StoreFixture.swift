import Foundation
import TrawlCore
import TrawlTestSupport

/// One empty store of one backend for one test, with the clock and helpers the store tests share.
struct StoreFixture {
    let backend: StoreBackend
    let store: any CrawlStore
    /// What `--db` would say to open the store again: a file path (SQLite) or a URL (PostgreSQL).
    let location: String
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// A stored job of `tenant` seeding one URL.
    @discardableResult
    func makeJob(_ name: String = "docs", tenant: String = "acme", labels: [String: String] = [:],
                 exclusive: [ExclusiveRule] = [], at time: Date? = nil) async throws -> Job {
        var config = CrawlConfig(seeds: [.staticList(urls: ["https://example.com/"])])
        config.starting.exclusive = exclusive
        let job = Job(tenantID: tenant, name: name, labels: labels, config: config, createdAt: time ?? now,
                      updatedAt: time ?? now)
        try await store.insertJob(job)
        return job
    }

    /// A stored run of `job` created `offset` seconds after `now`.
    @discardableResult
    func makeRun(_ job: Job, at offset: Double, status: RunStatus = .pending, reason: StopReason? = nil) async throws -> Run {
        var run = Run(job: job, createdAt: now.addingTimeInterval(offset))
        run.status = status
        run.stopReason = reason
        try await store.insertRun(run)
        return run
    }
}

/// Runs `body` on a new, empty store of `backend` and throws the store away afterwards, whether `body` threw or not.
func withStore(_ backend: StoreBackend, _ body: (StoreFixture) async throws -> Void) async throws {
    let made = try await backend.makeStore()
    let fixture = StoreFixture(backend: backend, store: made.store, location: made.location)
    do {
        try await body(fixture)
    } catch {
        await made.close()
        throw error
    }
    await made.close()
}
