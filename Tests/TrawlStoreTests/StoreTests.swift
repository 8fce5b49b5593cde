import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// Jobs, runs, batches and frontiers through the store protocols, on every backend this process can reach.
@Suite struct StoreTests {
    @Test(arguments: StoreBackend.available)
    func jobsAndRunsRoundTrip(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store, now = fixture.now
            let job = try await fixture.makeJob(labels: ["team": "search"])
            #expect(try await store.job(job.id, tenantID: "acme") == job)
            #expect(try await store.job(job.id, tenantID: "other") == nil)
            var run = Run(job: job, createdAt: now)
            try await store.insertRun(run)
            #expect(try await store.run(run.id) == run)
            run.status = .running
            run.startedAt = now
            run.progress.fetched = 12
            run.progress.httpStatus = ["200": 12]
            try await store.updateRun(run)
            #expect(try await store.run(run.id) == run)
            // An update writes state only: labels (and what the run-label index holds) stay as created.
            var relabelled = run
            relabelled.labels = ["team": "other"]
            relabelled.progress.fetched = 13
            try await store.updateRun(relabelled)
            let reread = try await store.run(run.id)
            #expect(reread?.labels == run.labels && reread?.progress.fetched == 13)
            var byLabel = RunQuery(tenantID: "acme")
            byLabel.labels = ["team": "search"]
            #expect(try await store.runs(matching: byLabel).map(\.id) == [run.id])
        }
    }

    @Test(arguments: StoreBackend.available)
    func duplicateIDsAreConflicts(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store
            let job = try await fixture.makeJob(labels: ["team": "search"])
            await #expect(throws: StoreError.self) { try await store.insertJob(job) }
        }
    }

    @Test(arguments: StoreBackend.available)
    func runListingFiltersAndPagesByKeyset(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store, now = fixture.now
            let job = try await fixture.makeJob(labels: ["team": "search"])
            var ids: [RunID] = []
            for i in 0..<25 {
                var run = Run(job: job, createdAt: now.addingTimeInterval(Double(i)))
                if i % 5 == 0 { run.status = .finished; run.stopReason = .maxURLs }
                if i == 3 { run.labels["env"] = "prod" }
                try await store.insertRun(run)
                ids.append(run.id)
            }
            var query = RunQuery(tenantID: "acme")
            query.limit = 10
            var seen: [RunID] = []
            while true {
                let page = try await store.runs(matching: query)
                seen += page.map(\.id)
                guard page.count == query.limit, let last = page.last else { break }
                query.after = (last.createdAt, last.id)
            }
            #expect(seen == ids.reversed())
            var finished = RunQuery(tenantID: "acme")
            finished.statuses = [.finished]
            #expect(try await store.runs(matching: finished).count == 5)
            var labelled = RunQuery(tenantID: "acme")
            labelled.labels = ["env": "prod", "team": "search"]
            #expect(try await store.runs(matching: labelled).map(\.id) == [ids[3]])
            #expect(try await store.runs(matching: RunQuery(tenantID: "nobody")).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.available)
    func batchesPersistTheFrontierAndPagesAndResumeReadsThemBack(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store, now = fixture.now
            let job = try await fixture.makeJob(labels: ["team": "search"])
            let run = Run(job: job, createdAt: now)
            try await store.insertRun(run)
            var batch = RunBatch(runID: run.id)
            for i in 0..<5 {
                batch.discovered.append(FrontierRecord(fingerprint: UInt64.max - UInt64(i), url: "https://example.com/\(i)",
                                                       depth: i, parentURL: nil, state: i < 3 ? .queued : .spilled))
            }
            batch.discovered.append(FrontierRecord(fingerprint: 99, url: "https://example.com/deep", depth: 9,
                                                   parentURL: nil, state: .beyondDepth))
            batch.settled.append(FrontierSettlement(fingerprint: UInt64.max, state: .fetched, httpStatus: 200))
            batch.pages.append(PageRecord(
                url: "https://example.com/0", depth: 0, parentURL: nil, fetchedAt: now, status: 200, contentType: "text/html",
                title: "Zero", outlinks: ["https://example.com/1", "https://example.com/2"], redirectTarget: nil,
                canonicalURL: nil, language: "en", noindex: false, requestHead: Array("GET / HTTP/1.1\r\n\r\n".utf8),
                responseHead: Array("HTTP/1.1 200 OK\r\n\r\n".utf8), body: Array("<p>zero</p>".utf8), truncated: false,
                ipAddress: "127.0.0.1", httpVersion: "1.1", durationMilliseconds: 3, warning: nil))
            var updated = run
            updated.progress.fetched = 1
            batch.run = updated
            try await store.commit(batch)

            #expect(try await store.run(run.id)?.progress.fetched == 1)
            let pages = try await store.pages(of: run.id, after: 0, limit: 10)
            #expect(pages.count == 1)
            #expect(pages.first?.page.outlinks == ["https://example.com/1", "https://example.com/2"])
            #expect(pages.first?.contentSHA256 == "58367b35aa90ef5d6e92eeb78515949d4478509dae8a5b4b97da7f15c026a59a")

            let snapshot = try await store.loadFrontier(run.id, limit: 2)
            #expect(snapshot.fingerprints.count == 6)
            #expect(Set(snapshot.fingerprints).contains(UInt64.max))
            #expect(snapshot.pending.map(\.url) == ["https://example.com/1", "https://example.com/2"])
            #expect(snapshot.spilledCount == 2)
            #expect(snapshot.sawBeyondDepth)
            let claimed = try await store.claimSpilled(run.id, limit: 10)
            #expect(claimed.map(\.url) == ["https://example.com/3", "https://example.com/4"])
            #expect(try await store.claimSpilled(run.id, limit: 10).isEmpty)
        }
    }

    /// A reader asking for pages by bytes gets what fits (always one): readers of runs whose pages are large (up to the
    /// 128 MiB a manifest allows) hold a batch's bytes, not a batch's count of them. A revisit counts the payload it
    /// points at, which its reader fetches next.
    @Test(arguments: StoreBackend.available)
    func pagesAreReadInBatchesBoundedByTheirBytes(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store
            let run = try await fixture.makeRun(try await fixture.makeJob(), at: 0)
            func body(_ size: Int) -> String { String(repeating: "a", count: size) }
            var batch = RunBatch(runID: run.id)
            batch.pages = [1_000, 1_000, 1_000, 5_000, 1_000].enumerated().map { index, size in
                MemoryCrawlStoreContractTests.page("/\(index)", body: body(size))
            }
            try await store.commit(batch)
            func urls(after: Int64, maxBytes: Int) async throws -> [String] {
                try await store.pages(of: run.id, after: after, limit: 10, maxBytes: maxBytes).map(\.page.url)
            }
            #expect(try await urls(after: 0, maxBytes: 2_500) == ["https://example.com/0", "https://example.com/1"])
            // One page larger than the budget still comes, alone: a reader always moves on.
            #expect(try await urls(after: 0, maxBytes: 10) == ["https://example.com/0"])
            let all = try await store.pages(of: run.id, after: 0, limit: 10)
            #expect(all.count == 5)
            #expect(try await urls(after: all[2].sequence, maxBytes: 2_500) == ["https://example.com/3"])
            #expect(try await urls(after: 0, maxBytes: .max).count == 5)

            // A bodiless revisit of /3's 5,000 bytes weighs what its payload does.
            var revisits = RunBatch(runID: run.id)
            revisits.pages = [
                MemoryCrawlStoreContractTests.page("/3-again", body: "", revisit: Revisit(
                    kind: .notModified, payloadSequence: all[3].sequence, payloadURL: "https://example.com/3",
                    payloadDate: fixture.now, payloadStatus: 200)),
                MemoryCrawlStoreContractTests.page("/5", body: body(1_000)),
            ]
            try await store.commit(revisits)
            #expect(try await urls(after: all[4].sequence, maxBytes: 2_500) == ["https://example.com/3-again"])
        }
    }
}
