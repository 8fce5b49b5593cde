import Foundation
import GRDB
import Testing
import TrawlCore
import TrawlRuntime
import TrawlStore
import TrawlTestSupport

/// The `trawl` executable end to end: clear errors with non-zero exits, JSON on stdout, exports.
@Suite struct CLITests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-cli-\(UUID().uuidString)")
    var db: String { directory.appendingPathComponent("cli.db").path }

    init() throws { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }

    @Test func crawlWithoutSeedsIsAUsageError() async throws {
        let result = try await TrawlBinary.run(["crawl", "--db", db])
        #expect(result.status != 0)
        #expect(result.stderr.contains("give at least one seed URL"))
    }

    @Test func badFlagValuesNameTheField() async throws {
        let result = try await TrawlBinary.run(["crawl", "http://127.0.0.1:9/", "--max-age", "soon", "--db", db])
        #expect(result.status != 0)
        #expect(result.stderr.contains("max_age"))
        #expect(result.stderr.contains("expected a duration"))
    }

    @Test func anInvalidManifestIsReportedWithPaths() async throws {
        let path = directory.appendingPathComponent("bad.yaml").path
        try """
            name: bad
            config:
              seeds: [{kind: static_list, params: {urls: ["http://a.test/"]}}]
              stopping_criteria: [{kind: max_urls, params: {max_urls: "many"}}]
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await TrawlBinary.run(["run", path, "--db", db, "--no-index"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("config.stopping_criteria[0].params.max_urls: expected an integer"))
    }

    @Test func anUnreachableOrUnsupportedStoreIsAClearErrorAndNothingIsCreated() async throws {
        // Port 1 on loopback: nothing listens, so the refusal comes at once, without the password.
        let unreachable = try await TrawlBinary.run(["runs", "list", "--db", "postgres://trawl:s3cret@127.0.0.1:1/trawl"],
                                                    currentDirectory: directory.path)
        #expect(unreachable.status != 0)
        #expect(unreachable.stderr.contains("cannot be reached") && !unreachable.stderr.contains("s3cret"),
                "\(unreachable.stderr)")
        let unsupported = try await TrawlBinary.run(["runs", "list", "--db", "mysql://root:s3cret@127.0.0.1/trawl"],
                                                    currentDirectory: directory.path)
        #expect(unsupported.status != 0)
        #expect(unsupported.stderr.contains("not supported") && !unsupported.stderr.contains("s3cret"), "\(unsupported.stderr)")
        let created = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(!created.contains { $0.hasPrefix("postgres") || $0.hasPrefix("mysql") }, "\(created)")
    }

    /// A server that cannot listen says where and why, exits non-zero, and leaves the worker list it had joined
    /// (its runtime is shut down even though the process's service group was cancelled).
    @Test func aServerThatCannotListenIsAClearErrorAndLeavesTheWorkerList() async throws {
        let taken = try FixtureServer(site: FixtureSite(["/": .html("<p>here first</p>")]))
        defer { taken.stop() }
        let result = try await TrawlBinary.run(["serve", "--db", db, "--host", "127.0.0.1", "--port", "\(taken.port)"],
                                               timeout: 60)
        #expect(result.status != 0)
        #expect(result.stderr.contains("could not serve on http://127.0.0.1:\(taken.port)"), "\(result.stderr)")
        #expect(!result.stderr.contains("CancellationError"), "\(result.stderr)")
        let workers = try await TrawlBinary.run(["workers", "list", "--db", db])
        #expect(workers.status == 0)
        #expect(workers.stdout.contains("no Trawl process has announced itself"), "\(workers.stdout)")
    }

    @Test func aMissingManifestIsAClearError() async throws {
        let result = try await TrawlBinary.run(["run", directory.appendingPathComponent("nope.yaml").path, "--db", db])
        #expect(result.status != 0)
        #expect(result.stderr.contains("nope.yaml"))
    }

    @Test func crawlPrintsTheRunObjectThenRunsAndExportReadTheStore() async throws {
        let server = try FixtureServer(site: FixtureSite([
            "/": .html("<title>Home</title><a href=/a>a</a>"),
            "/a": .html("<title>A</title>a"),
        ]))
        defer { server.stop() }
        let crawl = try await TrawlBinary.run(["crawl", server.url("/"), "--db", db, "--json", "--delay", "0",
                                         "--max-empty-evaluations", "3", "--label", "team=cli", "--no-index"])
        #expect(crawl.status == 0, "\(crawl.stderr)")
        let run = try #require(try JSONSerialization.jsonObject(with: Data(crawl.stdout.utf8)) as? [String: Any])
        #expect(run["status"] as? String == "finished")
        #expect(run["stop_reason"] as? String == "max_empty_evaluations")
        #expect((run["labels"] as? [String: String]) == ["team": "cli"])
        #expect((run["progress"] as? [String: Any])?["fetched"] as? Int == 2)
        let id = try #require(run["id"] as? String)

        let list = try await TrawlBinary.run(["runs", "list", "--db", db])
        #expect(list.status == 0)
        #expect(list.stdout.contains(id))
        let show = try await TrawlBinary.run(["runs", "show", id, "--db", db, "--json"])
        #expect(show.stdout.contains("\"max_empty_evaluations\""))

        let export = try await TrawlBinary.run(["export", "--db", db, "--run", id, "--format", "jsonl"])
        #expect(export.status == 0)
        #expect(export.stdout.split(separator: "\n").count == 2)
        let unknown = try await TrawlBinary.run(["runs", "show", "00000000-0000-0000-0000-000000000000", "--db", db])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no run"))

        // The job again: a re-crawl, whose unchanged pages are stored once.
        let jobID = try #require(run["job_id"] as? String)
        let again = try await TrawlBinary.run(["run", "--job", jobID, "--db", db, "--json", "--no-index"])
        #expect(again.status == 0, "\(again.stderr)")
        let second = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect((second["progress"] as? [String: Any])?["unchanged"] as? Int == 2)
        let noJob = try await TrawlBinary.run(["run", "--job", "00000000-0000-0000-0000-000000000000", "--db", db])
        #expect(noJob.status != 0 && noJob.stderr.contains("no job"))
        let both = try await TrawlBinary.run(["run", "--job", jobID, "--resume", id, "--db", db])
        #expect(both.status != 0)
        let fullJSONL = try await TrawlBinary.run(["export", "--db", db, "--run", id, "--format", "jsonl", "--full"])
        #expect(fullJSONL.status != 0 && fullJSONL.stderr.contains("--full applies to --format warc only"))
    }

    @Test func storeCopyRefusesABadTargetWithoutShowingThePassword() async throws {
        _ = try SQLiteStore(path: db)
        let wrongScheme = try await TrawlBinary.run(["store", "copy", "--from", db, "--to", "mysql://trawl:s3cret@127.0.0.1/trawl"])
        #expect(wrongScheme.status != 0)
        #expect(wrongScheme.stderr.contains("'mysql' store scheme is not supported"), "\(wrongScheme.stderr)")
        let unreachable = try await TrawlBinary.run(["store", "copy", "--from", db, "--to", "postgres://trawl:s3cret@127.0.0.1:9/trawl"])
        #expect(unreachable.status != 0)
        #expect(unreachable.stderr.contains("postgres://trawl@127.0.0.1:9/trawl"), "\(unreachable.stderr)")
        let toSQLite = try await TrawlBinary.run(["store", "copy", "--from", db, "--to", db + ".copy"])
        #expect(toSQLite.status != 0 && toSQLite.stderr.contains("the target must be a postgres:// database"))
        for result in [wrongScheme, unreachable, toSQLite] { #expect(!(result.stdout + result.stderr).contains("s3cret")) }
    }

    @Test(.enabled(if: StoreBackend.available.contains(.postgres))) func storeCopyPrintsEachTable() async throws {
        let store = try SQLiteStore(path: db)
        let manifest = try ManifestLoader.parse("name: copied\nconfig:\n  seeds: [{kind: static_list, params: {urls: [\"http://127.0.0.1:9/\"]}}]\n",
                                                format: .yaml)
        let now = Timestamp.now()
        try await store.insertJob(Job(tenantID: "default", name: manifest.name, labels: [:], config: manifest.config,
                                      createdAt: now, updatedAt: now))
        let database = try await PostgresTestDatabase.create()
        let copy = try await TrawlBinary.run(["store", "copy", "--from", db, "--to", database.url])
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(copy.stdout.contains("jobs                 1"), "\(copy.stdout)")
        #expect(copy.stdout.contains("trigger_executions   0"))
        let again = try await TrawlBinary.run(["store", "copy", "--from", db, "--to", database.url])
        #expect(again.status != 0 && again.stderr.contains("already holds jobs"), "\(again.stderr)")
        await database.drop()
    }
}

extension CLITests {
    @Test func aTextOnlyCrawlIsSearchableWithoutAModel() async throws {
        let server = try FixtureServer(site: FixtureSite([
            "/": .html("<title>Home</title><main><h1>Home</h1><p>Welcome aboard.</p><a href=/a>a</a></main>"),
            "/a": .html("<title>Harbour</title><main><h1>Harbour</h1><p>Boats moor in the harbour overnight.</p></main>"),
        ]))
        defer { server.stop() }
        let crawl = try await TrawlBinary.run(["crawl", server.url("/"), "--db", db, "--json", "--delay", "0",
                                         "--max-empty-evaluations", "3", "--no-embed"])
        #expect(crawl.status == 0, "\(crawl.stderr)")
        let run = try #require(try JSONSerialization.jsonObject(with: Data(crawl.stdout.utf8)) as? [String: Any])
        #expect((run["ready_for"] as? [String: Bool]) == ["text_search": true, "semantic_search": false])
        let steps = (run["steps"] as? [[String: Any]] ?? []).reduce(into: [String: String]()) {
            $0[$1["name"] as? String ?? ""] = $1["status"] as? String
        }
        #expect(steps == ["fetch": "succeeded", "parse": "succeeded", "chunk": "succeeded", "embed": "skipped",
                          "index": "succeeded"])
        // Nothing is kept for an embedder that will never come.
        let stored = try DatabaseQueue(path: db).read { db in
            try Row.fetchOne(db, sql: "SELECT count(*) AS chunks, count(embed_text) AS waiting FROM chunks")
        }
        #expect((stored?["chunks"] as Int?) ?? 0 > 0 && (stored?["waiting"] as Int?) == 0)
        let search = try await TrawlBinary.run(["search", "--db", db, "--mode", "text", "--json", "boats harbour"])
        #expect(search.status == 0, "\(search.stderr)")
        let results = (try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any])?["results"]
        #expect((results as? [[String: Any]])?.first?["url"] as? String == server.url("/a"))

        // The chunks, as another vector store would take them in: text, heading path and source, no vectors asked.
        let export = try await TrawlBinary.run(["export", "--db", db, "--run", try #require(run["id"] as? String),
                                          "--format", "chunks"])
        #expect(export.status == 0, "\(export.stderr)")
        let chunks = export.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let harbour = try #require(chunks.first { $0["url"] as? String == server.url("/a") })
        #expect((harbour["text"] as? String)?.contains("Boats moor in the harbour overnight.") == true)
        #expect(harbour["heading_path"] as? [String] == ["Harbour"])
        #expect(harbour["title"] as? String == "Harbour")
        #expect(chunks.allSatisfy { $0["embedding"] == nil })
    }

    @Test func embedThroughAnOpenAICompatibleServiceWritesOneLinePerLine() async throws {
        let service = try OpenAIPipelineTests.embeddingService()
        defer { service.stop() }
        let input = "boats in the harbour\n{\"text\": \"moor overnight\"}\nharbour\n"
        let embed = try await TrawlBinary.run(["embed", "--model", "openai", "--base-url", service.url("/v1"),
                                         "--openai-model", "word-hash"], input: input)
        #expect(embed.status == 0, "\(embed.stderr)")
        let lines = embed.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(lines.map { $0["text"] as? String } == ["boats in the harbour", "moor overnight", "harbour"])
        for line in lines {
            let vector = (line["embedding"] as? [Double])?.map(Float.init) ?? []
            let expected = WordHashEmbedder.vector(line["text"] as? String ?? "")
            #expect(vector.count == 64 && zip(vector, expected).allSatisfy { abs($0 - $1) < 1e-6 })
        }
        #expect(service.requests.contains { $0.path == "/v1/embeddings" })
        // A service that cannot be reached is a clear error, not a hang or a crash.
        let down = try await TrawlBinary.run(["embed", "--model", "openai", "--base-url", "http://127.0.0.1:1/v1",
                                        "--openai-model", "x"], input: "text\n", timeout: 120)
        #expect(down.status != 0)
        #expect(!down.stderr.isEmpty)
    }

    @Test func ctrlCStopsTheCrawlGracefullyAndKeepsThePages() async throws {
        let server = try FixtureServer { request in
            let n = Int(request.path.dropFirst(3)) ?? 0
            var response = FixtureResponse.html("<a href=/p/\(n + 1)>next</a>")
            response.behavior = .drip(bytesPerChunk: 8, interval: .milliseconds(20))
            return response
        }
        defer { server.stop() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TrawlBinary.path)
        process.arguments = ["crawl", server.url("/"), "--db", db, "--json", "--delay", "0", "--no-index"]
        let out = Pipe()
        process.standardOutput = out
        // A file, not a pipe: progress lines must never fill a buffer nobody reads, and a failure can say why.
        let errors = directory.appendingPathComponent("ctrl-c.stderr")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        // Interrupt once a page is written (polling the store, so a loaded machine cannot make this flaky; opening
        // a file the crawl is creating is safe, see `processesOpeningANewFileAtOnceAllGetTheStore`).
        for _ in 0..<300 where process.isRunning {
            if let store = try? SQLiteStore(path: db),
               let run = try? await store.runs(matching: RunQuery(tenantID: "default")).first, run.progress.fetched >= 1 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.interrupt()
        let data = try await OwnThread.run {
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return data
        }
        let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "\(stderr)")
        let run = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(stderr)")
        #expect(run["stop_reason"] as? String == "manual")
        let fetched = try #require((run["progress"] as? [String: Any])?["fetched"] as? Int)
        #expect(fetched > 0)
        let export = try await TrawlBinary.run(["export", "--db", db, "--run", run["id"] as! String, "--format", "jsonl"])
        #expect(export.stdout.split(separator: "\n").count == fetched)
    }
}
