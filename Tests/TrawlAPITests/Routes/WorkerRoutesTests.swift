import Foundation
import Testing
@testable import TrawlAPI
import TrawlCore

@Suite struct WorkerRoutesTests {
    private static func status(_ id: String, role: WorkerRole, startedAt: Double, live: Bool = true,
                               runs: [RunID] = []) -> WorkerStatus {
        let started = Date(timeIntervalSince1970: 1_800_000_000 + startedAt)
        return WorkerStatus(worker: WorkerRecord(id: id, role: role, host: "node-1", pid: 7, listen: "127.0.0.1:8023",
                                                 maxConcurrentRuns: role.executesRuns ? 4 : 0, startedAt: started,
                                                 heartbeatAt: started.addingTimeInterval(30), runs: runs),
                            isLive: live)
    }

    @Test func theWorkerListShowsEachProcessWithOnlyTheCallersRunsAndPages() async throws {
        let service = InMemoryCrawlService()
        try await APIHarness(service: service).run { client in
            let ownRun = try await client.createRun(jobID: try await client.createJob())
            let otherRun = try await client.createRun(jobID: try await client.createJob(tenant: "other"), tenant: "other")
            await service.setWorkers([
                Self.status("node-1:1:aaaa", role: .api, startedAt: 0),
                Self.status("node-1:2:bbbb", role: .worker, startedAt: 10, runs: [RunID(ownRun)!, RunID(otherRun)!]),
                Self.status("node-2:3:cccc", role: .worker, startedAt: 5, live: false),
            ])

            let all = try await client.send(.get, "/v1/workers")
            #expect(all.status == .ok)
            let data = try #require(all.json["data"] as? [[String: Any]])
            #expect(data.map { $0["id"] as? String } == ["node-1:2:bbbb", "node-2:3:cccc", "node-1:1:aaaa"])
            #expect(data.map { $0["status"] as? String } == ["live", "lost", "live"])
            #expect(data.map { $0["role"] as? String } == ["worker", "worker", "api"])
            #expect(data[0]["runs"] as? [String] == [ownRun])
            #expect(data[0]["started_at"] as? String == "2027-01-15T08:00:10.000Z")
            #expect(data[0]["max_concurrent_runs"] as? Int == 4)
            #expect(all.json["next_page"] is NSNull)

            let theirs = try await client.send(.get, "/v1/workers", tenant: "other")
            #expect((theirs.json["data"] as? [[String: Any]])?.first?["runs"] as? [String] == [otherRun])

            // Keyset paging over the same order; a cursor is bound to the list and the tenant.
            let first = try await client.send(.get, "/v1/workers?per_page=2")
            #expect((first.json["data"] as? [[String: Any]])?.count == 2)
            let cursor = try #require(first.json["next_page"] as? String)
            let second = try await client.send(.get, "/v1/workers?per_page=2&page=\(cursor)")
            #expect((second.json["data"] as? [[String: Any]])?.map { $0["id"] as? String } == ["node-1:1:aaaa"])
            #expect(second.json["next_page"] is NSNull)
            #expect(try await client.send(.get, "/v1/workers?page=\(cursor)", tenant: "other").errorCode == "invalid_cursor")
            #expect(try await client.send(.get, "/v1/workers?page=bogus").errorCode == "invalid_cursor")
            #expect(try await client.send(.get, "/v1/workers?per_page=0").status == .unprocessableContent)
            #expect(try await client.send(.post, "/v1/workers").status == .methodNotAllowed)
        }
    }
}
