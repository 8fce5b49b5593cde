import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// The worker list (`WorkerRegistry`), on every backend.
@Suite struct StoreWorkerTests {
    private func worker(_ id: String, role: WorkerRole, startedAt: Date, heartbeatAt: Date) -> WorkerRecord {
        WorkerRecord(id: id, role: role, host: "node-1", pid: 4_242, listen: "127.0.0.1:8023", maxConcurrentRuns: 3,
                     startedAt: startedAt, heartbeatAt: heartbeatAt)
    }

    @Test(arguments: StoreBackend.available)
    func heartbeatsListRefreshRetireAndForget(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store, now = fixture.now
            let api = worker("node-1:1:aaaa", role: .api, startedAt: now, heartbeatAt: now)
            let first = worker("node-1:2:bbbb", role: .worker, startedAt: now.addingTimeInterval(1), heartbeatAt: now)
            let dead = worker("node-2:3:cccc", role: .worker, startedAt: now.addingTimeInterval(-7_200),
                              heartbeatAt: now.addingTimeInterval(-7_000))
            for record in [dead, api, first] { try await store.heartbeat(record, forgetBefore: now.addingTimeInterval(-86_400)) }
            // Most recently started first, every field as written.
            #expect(try await store.workers(tenantID: "acme", now: now) == [first, api, dead])

            // A later beat moves the heartbeat (and nothing else) and forgets processes silent since before the cutoff.
            var beaten = first
            beaten.heartbeatAt = now.addingTimeInterval(2)
            var changed = beaten
            changed.role = .serve
            changed.startedAt = now.addingTimeInterval(50)
            try await store.heartbeat(changed, forgetBefore: now.addingTimeInterval(-3_600))
            #expect(try await store.workers(tenantID: "acme", now: now) == [beaten, api])

            try await store.retireWorker(api.id)
            try await store.retireWorker("never-was")
            #expect(try await store.workers(tenantID: "acme", now: now).map(\.id) == [first.id])
        }
    }

    @Test(arguments: StoreBackend.available)
    func aWorkerShowsTheLiveClaimsItHoldsOnTheReadersTenantsRunsOnly(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store, now = fixture.now
            let record = worker("node-1:2:bbbb", role: .worker, startedAt: now, heartbeatAt: now)
            try await store.heartbeat(record, forgetBefore: now.addingTimeInterval(-3_600))
            let acme = try await fixture.makeJob("acme-docs", tenant: "acme")
            let other = try await fixture.makeJob("other-docs", tenant: "other")
            let held = try await fixture.makeRun(acme, at: 1, status: .running)
            let expired = try await fixture.makeRun(acme, at: 2, status: .running)
            let foreign = try await fixture.makeRun(other, at: 3, status: .running)
            #expect(try await store.claimRun(held.id, executor: record.id, now: now, until: now.addingTimeInterval(10)))
            #expect(try await store.claimRun(expired.id, executor: record.id, now: now, until: now.addingTimeInterval(-1)))
            #expect(try await store.claimRun(foreign.id, executor: record.id, now: now, until: now.addingTimeInterval(10)))

            #expect(try await store.workers(tenantID: "acme", now: now).map(\.runs) == [[held.id]])
            #expect(try await store.workers(tenantID: "other", now: now).map(\.runs) == [[foreign.id]])
            try await store.releaseRun(held.id, executor: record.id)
            #expect(try await store.workers(tenantID: "acme", now: now).map(\.runs) == [[]])
        }
    }
}
