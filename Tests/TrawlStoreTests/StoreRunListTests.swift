import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// The run and job listings on every backend: every filter, keyset pages over equal timestamps while rows are
/// inserted, conflicts and admission of a job's first run. (The SQLite query plans are in `SQLiteStoreFileTests`.)
@Suite struct StoreRunListTests {
    @Test(arguments: StoreBackend.available)
    func everyRunFilterIsAppliedBySQL(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store, now = fixture.now
            let docs = try await fixture.makeJob("docs", labels: ["team": "search", "env": "prod"])
            let blog = try await fixture.makeJob("blog", labels: ["team": "ads"])
            let a = try await fixture.makeRun(docs, at: 1, status: .finished, reason: .maxURLs)
            let b = try await fixture.makeRun(docs, at: 2, status: .running)
            let c = try await fixture.makeRun(blog, at: 3, status: .finished, reason: .manual)
            let d = try await fixture.makeRun(blog, at: 4.001, status: .paused)
            let foreign = try await fixture.makeJob("docs", tenant: "other", labels: ["team": "search"])
            _ = try await fixture.makeRun(foreign, at: 5)

            #expect(try await fixture.ids { _ in } == [d.id, c.id, b.id, a.id])
            #expect(try await fixture.ids { $0.jobIDs = [blog.id] } == [d.id, c.id])
            #expect(try await fixture.ids { $0.includeIDs = [a.id, c.id] } == [c.id, a.id])
            #expect(try await fixture.ids { $0.excludeIDs = [a.id, c.id] } == [d.id, b.id])
            #expect(try await fixture.ids { $0.statuses = [.running, .paused] } == [d.id, b.id])
            #expect(try await fixture.ids { $0.stopReasons = [.manual] } == [c.id])
            #expect(try await fixture.ids { $0.labels = ["team": "search"] } == [b.id, a.id])
            #expect(try await fixture.ids { $0.labels = ["team": "search", "env": "prod"] } == [b.id, a.id])
            #expect(try await fixture.ids { $0.labels = ["team": "search", "env": "dev"] }.isEmpty)
            // Bounds are strict, and a bound between two stored milliseconds loses no row to rounding.
            #expect(try await fixture.ids { $0.createdAfter = now.addingTimeInterval(2) } == [d.id, c.id])
            #expect(try await fixture.ids { $0.createdBefore = now.addingTimeInterval(2) } == [a.id])
            #expect(try await fixture.ids { $0.createdBefore = now.addingTimeInterval(4.0012) } == [d.id, c.id, b.id, a.id])
            #expect(try await fixture.ids { $0.createdAfter = now.addingTimeInterval(4.0008) } == [d.id])
            #expect(try await fixture.ids { $0.createdBefore = now.addingTimeInterval(4.0008) } == [c.id, b.id, a.id])
            #expect(try await fixture.ids { $0.createdAfter = now.addingTimeInterval(4.0012) }.isEmpty)
            #expect(try await fixture.ids { $0.jobIDs = [docs.id]; $0.statuses = [.finished]; $0.labels = ["env": "prod"] } == [a.id])
            // Failed runs: those with an error, alone and through the label join.
            var failed = c
            failed.error = RunError(code: "store_failed", message: "the disk is full")
            try await store.updateRun(failed)
            #expect(try await fixture.ids { $0.failed = true } == [c.id])
            #expect(try await fixture.ids { $0.failed = false } == [d.id, b.id, a.id])
            #expect(try await fixture.ids { $0.labels = ["team": "ads"]; $0.failed = true } == [c.id])
            // Readiness, as the run object states it: indexed text needs a finished text stage and a document in it.
            var text = PipelineProgress()
            text.textIndexedAt = now
            text.documents.indexed = 2
            try await store.savePipelineProgress(text, of: a.id)
            var both = text
            both.semanticReadyAt = now
            both.documents.embedded = 2
            try await store.savePipelineProgress(both, of: b.id)
            var empty = PipelineProgress()
            empty.textIndexedAt = now
            empty.semanticReadyAt = now
            try await store.savePipelineProgress(empty, of: d.id)  // finished with nothing in it: ready for nothing
            #expect(try await fixture.ids { $0.readyFor = [.textSearch] } == [b.id, a.id])
            #expect(try await fixture.ids { $0.readyFor = [.semanticSearch] } == [b.id])
            #expect(try await fixture.ids { $0.readyFor = [.textSearch, .semanticSearch]; $0.labels = ["env": "prod"] } == [b.id])
        }
    }

    @Test(arguments: StoreBackend.available)
    func labelFiltersFollowRunsCreatedAndDeleted(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store
            let job = try await fixture.makeJob("docs", labels: ["team": "search"])
            let kept = try await fixture.makeRun(job, at: 1)
            let dropped = try await fixture.makeRun(job, at: 2)
            #expect(try await fixture.ids { $0.labels = ["team": "search"] } == [dropped.id, kept.id])
            #expect(try await store.deleteRun(dropped.id))
            #expect(try await fixture.ids { $0.labels = ["team": "search"] } == [kept.id])
        }
    }

    @Test(arguments: StoreBackend.available)
    func jobFiltersAreAppliedBySQL(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store, now = fixture.now
            let docs = try await fixture.makeJob("docs", labels: ["team": "search"], at: now)
            let blog = try await fixture.makeJob("blog", labels: ["team": "ads"], at: now.addingTimeInterval(1))
            let wiki = try await fixture.makeJob("wiki", at: now.addingTimeInterval(2))
            func jobs(_ change: (inout JobQuery) -> Void) async throws -> [JobID] {
                var query = JobQuery(tenantID: "acme")
                query.limit = 100
                change(&query)
                return try await store.jobs(matching: query).map(\.id)
            }
            #expect(try await jobs { _ in } == [wiki.id, blog.id, docs.id])
            #expect(try await jobs { $0.names = ["docs", "wiki"] } == [wiki.id, docs.id])
            #expect(try await jobs { $0.includeIDs = [blog.id] } == [blog.id])
            #expect(try await jobs { $0.excludeIDs = [blog.id] } == [wiki.id, docs.id])
            #expect(try await jobs { $0.labels = ["team": "ads"] } == [blog.id])
            #expect(try await jobs { $0.createdAfter = now; $0.createdBefore = now.addingTimeInterval(2) } == [blog.id])
            #expect(try await jobs { $0.tenantID = "other" }.isEmpty)
        }
    }

    @Test(arguments: StoreBackend.available)
    func keysetPagesWalkEqualTimestampsWithoutGapsOrDuplicatesWhileRunsAreInserted(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store
            let job = try await fixture.makeJob("docs", labels: ["team": "search"])
            // 30 runs in three instants: ties are broken by ID.
            var existing: Set<RunID> = []
            for i in 0..<30 { existing.insert(try await fixture.makeRun(job, at: Double(i / 10)).id) }
            var query = RunQuery(tenantID: "acme")
            query.limit = 7
            var seen: [Run] = []
            var inserted = 0
            while true {
                let page = try await store.runs(matching: query)
                seen += page
                // Newer runs arriving meanwhile sort before the cursor: they must not shift the pages being walked.
                _ = try await fixture.makeRun(job, at: 100 + Double(inserted))
                inserted += 1
                guard page.count == query.limit, let last = page.last else { break }
                query.after = (last.createdAt, last.id)
            }
            #expect(seen.count == 30 && Set(seen.map(\.id)) == existing)
            let order = seen.map { ($0.createdAt, $0.id.description) }
            #expect(zip(order, order.dropFirst()).allSatisfy { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 > $1.1) })

            // The same walk driven by a label (another path through the store): same runs, same order.
            var labelled = RunQuery(tenantID: "acme")
            labelled.labels = ["team": "search"]
            labelled.limit = 4
            var walked: [Run] = []
            while true {
                let page = try await store.runs(matching: labelled)
                walked += page
                guard page.count == labelled.limit, let last = page.last else { break }
                labelled.after = (last.createdAt, last.id)
            }
            let all = try await store.runs(matching: { var query = RunQuery(tenantID: "acme"); query.limit = 1_000; return query }())
            #expect(walked.map(\.id) == all.map(\.id))
        }
    }

    @Test(arguments: StoreBackend.available)
    func aTakenIDIsAConflictThatDoesNotEchoTheDatabase(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store
            let job = try await fixture.makeJob("docs")
            let run = try await fixture.makeRun(job, at: 1)
            do {
                try await store.insertRun(run)
                Issue.record("a second run with one ID was stored")
            } catch let error as StoreError {
                #expect(error.kind == .conflict)
                #expect(error.message == "could not create run \(run.id): that ID is already taken")
            }
        }
    }

    @Test(arguments: StoreBackend.available)
    func aRefusedFirstRunLeavesNoJobBehind(_ backend: StoreBackend) async throws {
        try await withStore(backend) { fixture in
            let store = fixture.store, now = fixture.now
            let busy = try await fixture.makeJob("busy")
            _ = try await fixture.makeRun(busy, at: 1, status: .running)
            let config = CrawlConfig(seeds: [.staticList(urls: ["https://example.com/"])])
            let fresh = Job(tenantID: "acme", name: "fresh", labels: [:], config: config, createdAt: now, updatedAt: now)
            let rules = [ExclusiveRule(by: .tenant, limit: 1)]
            #expect(try await store.admitRun(Run(job: fresh, createdAt: now), newJob: fresh, under: rules) != nil)
            #expect(try await store.job(fresh.id, tenantID: "acme") == nil)
            #expect(try await store.admitRun(Run(job: fresh, createdAt: now), newJob: fresh, under: []) == nil)
            #expect(try await store.job(fresh.id, tenantID: "acme")?.name == "fresh")
        }
    }
}

extension StoreFixture {
    /// The IDs of the tenant `acme`'s runs the query finds, 100 at most.
    func ids(_ change: (inout RunQuery) -> Void) async throws -> [RunID] {
        var query = RunQuery(tenantID: "acme")
        query.limit = 100
        change(&query)
        return try await store.runs(matching: query).map(\.id)
    }
}
