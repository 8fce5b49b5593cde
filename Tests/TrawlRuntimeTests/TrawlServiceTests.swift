import Foundation
import GRDB
import Testing
import TrawlCore
import TrawlRuntime
import TrawlStore
import TrawlTestSupport

/// The service the HTTP API is built on, over a real store and run manager.
@Suite struct TrawlServiceTests {
    let harness: CrawlHarness
    let service: TrawlService

    init() async throws {
        harness = try await CrawlHarness()
        service = await harness.runtime.makeService()
    }

    static let config: ConfigValue = [
        "seeds": [["kind": "static_list", "params": ["urls": ["http://127.0.0.1:9/"]]]],
        "policies": [["kind": "robots_txt", "params": ["obey": false]]],
        "stopping_criteria": [["kind": "max_empty_evaluations", "params": ["max_empty_evaluations": 2]]],
    ]

    @Test func jobsAreValidatedListedUpdatedAndDeleted() async throws {
        defer { harness.cleanUp() }
        var drafts: [Job] = []
        for i in 0..<5 {
            let (job, run) = try await service.createJob(
                JobDraft(name: "job-\(i)", labels: ["team": i.isMultiple(of: 2) ? "even" : "odd"], config: Self.config),
                tenantID: "acme", startRun: false)
            #expect(run == nil)
            drafts.append(job)
        }
        var query = JobQuery(tenantID: "acme")
        query.labels = ["team": "even"]
        #expect(try await service.listJobs(query).map(\.name) == ["job-4", "job-2", "job-0"])
        query = JobQuery(tenantID: "acme")
        query.limit = 2
        let firstPage = try await service.listJobs(query)
        query.after = (firstPage[1].createdAt, firstPage[1].id)
        let secondPage = try await service.listJobs(query)
        #expect(Set(firstPage.map(\.id)).isDisjoint(with: secondPage.map(\.id)))
        #expect(try await service.listJobs(JobQuery(tenantID: "other")).isEmpty)

        let updated = try await service.updateJob(drafts[0].id, with: JobDraft(name: "renamed", config: Self.config),
                                                  tenantID: "acme")
        #expect(updated.name == "renamed" && updated.createdAt == drafts[0].createdAt)
        try await service.deleteJob(drafts[0].id, tenantID: "acme")
        await #expect(throws: ServiceError.self) { try await service.job(drafts[0].id, tenantID: "acme") }
        await #expect(throws: ServiceError.self) { try await service.job(drafts[1].id, tenantID: "other") }
    }

    /// Each run keeps a copy of its job's config, and searches read them: a tenant's config is at most 256 KiB.
    @Test func aConfigPastItsSizeIsRefused() async throws {
        defer { harness.cleanUp() }
        let urls = (0..<12_000).map { ConfigValue.string("https://docs.example.com/section/page-\($0).html") }
        let big: ConfigValue = ["seeds": [["kind": "static_list", "params": ["urls": .array(urls)]]]]
        do {
            _ = try await service.createJob(JobDraft(name: "big", config: big), tenantID: "acme", startRun: false)
            Issue.record("a config of 12,000 seeds was stored")
        } catch .validation(let issues) {
            #expect(issues.map(\.path) == ["config"] && issues[0].message.contains("at most 256 KiB"), "\(issues)")
        } catch {
            Issue.record("\(error)")
        }
        let fits: ConfigValue = ["seeds": [["kind": "static_list", "params": ["urls": .array(Array(urls.prefix(3_000)))]]]]
        #expect(try await service.createJob(JobDraft(name: "fits", config: fits), tenantID: "acme", startRun: false).0.name == "fits")
    }

    @Test func invalidConfigsListEveryProblem() async throws {
        defer { harness.cleanUp() }
        let bad: ConfigValue = [
            "seeds": [["kind": "static_list", "params": ["urls": ["http://a.test/"]]]],
            "stopping_criteria": [["kind": "max_urls", "params": ["max_urls": "many"]]],
            "speed": ["kind": "fixed", "params": ["concurency": 3]],
        ]
        do {
            _ = try await service.createJob(JobDraft(name: "", config: bad), tenantID: "acme", startRun: false)
            Issue.record("expected a validation error")
        } catch {
            guard case .validation(let issues) = error else { Issue.record("expected validation, got \(error)"); return }
            let paths = Set(issues.map(\.path))
            #expect(paths.contains("name"))
            #expect(paths.contains("config.stopping_criteria[0].params.max_urls"))
            #expect(paths.contains { $0.hasPrefix("config.speed") })
        }
    }

    @Test func runsAreCreatedStartedControlledAndDeleted() async throws {
        defer { harness.cleanUp() }
        let server = try FixtureServer(site: FixtureSite(["/": .html("<a href=/a>a</a>"), "/a": .html("a")]))
        defer { server.stop() }
        let config: ConfigValue = [
            "seeds": [["kind": "static_list", "params": ["urls": [.string(server.url("/"))]]]],
            "speed": ["kind": "fixed", "params": ["delay": "0s", "delay_factor": 0]],
        ]
        let (job, created) = try await service.createJob(JobDraft(name: "site", labels: ["env": "test"], config: config),
                                                         tenantID: "acme", startRun: true)
        let run = try #require(created)
        #expect(run.labels == ["env": "test"])
        #expect(run.jobID == job.id)
        let finished = try await waitUntil("the run to finish") {
            try await service.run(run.id, tenantID: "acme")
        } until: { $0.status == .finished }
        #expect(finished.stopReason == .maxEmptyEvaluations)
        #expect(finished.progress.fetched == 2)
        await #expect(throws: ServiceError.self) { try await service.pauseRun(run.id, tenantID: "acme") }
        #expect(try await service.stopRun(run.id, tenantID: "acme").stopReason == .maxEmptyEvaluations)

        let fixedID = RunID()
        let second = try await service.createRun(jobID: job.id, runID: fixedID, tenantID: "acme")
        #expect(second.id == fixedID)
        await #expect(throws: ServiceError.self) {
            try await service.createRun(jobID: job.id, runID: fixedID, tenantID: "acme")
        }
        try await service.deleteRun(fixedID, tenantID: "acme")
        await #expect(throws: ServiceError.self) { try await service.run(fixedID, tenantID: "acme") }
        await #expect(throws: ServiceError.self) { try await service.run(run.id, tenantID: "other") }
        #expect(await service.isReady())
    }

    @Test func aRunKeepsTheConfigAndLabelsItWasCreatedWith() async throws {
        defer { harness.cleanUp() }
        let (job, created) = try await service.createJob(JobDraft(name: "docs", labels: ["env": "prod"], config: Self.config),
                                                         tenantID: "acme", startRun: true)
        let run = try #require(created)
        #expect(run.config == job.config && run.labels == ["env": "prod"])
        let changed: ConfigValue = [
            "seeds": [["kind": "static_list", "params": ["urls": ["http://127.0.0.1:9/elsewhere"]]]],
            "stopping_criteria": [["kind": "max_urls", "params": ["max_urls": 7]]],
        ]
        let updated = try await service.updateJob(job.id, with: JobDraft(name: "docs", labels: ["env": "dev"], config: changed),
                                                  tenantID: "acme")
        #expect(updated.config != job.config)
        let reread = try await service.run(run.id, tenantID: "acme")
        #expect(reread.config == job.config && reread.labels == ["env": "prod"])
        _ = try await service.stopRun(run.id, tenantID: "acme")
        let next = try await service.createRun(jobID: job.id, runID: nil, tenantID: "acme")
        #expect(next.config == updated.config && next.labels == ["env": "dev"])
        _ = try await service.stopRun(next.id, tenantID: "acme")
    }

    /// SQLite only: it counts rows table by table through GRDB.
    @Test(.enabled(if: !CrawlHarness.onPostgres))
    func deletingARunRemovesEverythingItProduced() async throws {
        defer { harness.cleanUp() }
        let server = try FixtureServer(site: FixtureSite(DocumentPipelineTests.pages))
        defer { server.stop() }
        try await service.start()
        let (_, created) = try await service.createJob(
            JobDraft(name: "docs", labels: ["team": "search"], config: DocumentPipelineTests.config(server)),
            tenantID: "acme", startRun: true)
        let run = try await DocumentPipelineTests.settled(service, try #require(created).id)
        let key = try await harness.runtime.store.runKey(of: run.id)
        let database = try DatabaseQueue(path: try #require(harness.runtime.store as? SQLiteStore).path)
        let tables = ["frontier", "pages", "run_log", "documents", "chunks", "run_labels"]
        func rows() async throws -> [String: Int] {
            try await database.read { db in
                var counts: [String: Int] = [:]
                for table in tables {
                    counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE run_key = ?", arguments: [key])
                }
                counts["chunks_fts"] = try Int.fetchOne(db, sql: "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH 'debian'")
                return counts
            }
        }
        let before = try await rows()
        #expect(tables.allSatisfy { (before[$0] ?? 0) > 0 }, "\(before)")
        // The embedder's text is gone once each chunk has its vector.
        let waiting = try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM chunks WHERE run_key = ? AND embed_text IS NOT NULL", arguments: [key])
        }
        #expect(waiting == 0)
        #expect(before["chunks_fts"] == 1)

        try await service.deleteRun(run.id, tenantID: "acme")
        let after = try await rows()
        #expect(after.values.allSatisfy { $0 == 0 }, "\(after)")
        for mode in SearchMode.allCases {
            #expect(try await service.search(SearchQuery(tenantID: "acme", text: "install debian"), mode: mode).results.isEmpty)
        }
        await service.shutdown()
    }
}
