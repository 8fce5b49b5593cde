import Foundation
import Logging
import PostgresNIO
import Testing
import TrawlCore
@testable import TrawlPostgres
import TrawlTestSupport

/// Reading a PostgreSQL URL (no server needed): every part, where the password comes from, and refusals that never
/// repeat the password.
@Suite struct PostgresLocationTests {
    /// A password that must never show in a message.
    static let secret = "hunter2-Sekr3t"

    func parse(_ url: String, _ environment: [String: String] = [:]) throws -> PostgresLocation {
        try PostgresLocation(parsing: url, environment: environment)
    }

    /// A password file holding `text` in the temporary folder; remove it when done.
    func passwordFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-pgpass-\(UUID().uuidString)").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func everyPartOfTheURLIsRead() throws {
        let full = try parse("postgres://alice@db.example.com:6543/crawl?sslmode=require")
        #expect(full.user == "alice")
        #expect(full.host == "db.example.com")
        #expect(full.port == 6543)
        #expect(full.database == "crawl")
        #expect(full.tlsMode == .require)
        #expect(full.socketDirectory == nil && full.socketPath == nil)
        #expect(full.password == nil)

        // Defaults: libpq's port, TLS when the server offers it; `postgresql://` is the same scheme.
        let plain = try parse("postgresql://bob@localhost/trawl")
        #expect(plain.user == "bob" && plain.host == "localhost" && plain.database == "trawl")
        #expect(plain.port == 5432)
        #expect(plain.tlsMode == .prefer)
        #expect(try parse("postgres://bob@localhost/trawl?sslmode=disable").tlsMode == .disable)
        #expect(try parse("postgres://bob@localhost/trawl?sslmode=prefer").tlsMode == .prefer)
    }

    @Test func aHostParameterNamesASocketDirectory() throws {
        let socket = try parse("postgres://alice@/crawl?host=/var/run/postgresql")
        #expect(socket.socketDirectory == "/var/run/postgresql")
        #expect(socket.socketPath == "/var/run/postgresql/.s.PGSQL.5432")
        #expect(socket.user == "alice" && socket.database == "crawl")
        // The port names the socket file too.
        let ported = try parse("postgres://alice@localhost:6000/crawl?host=/tmp/pg&sslmode=disable")
        #expect(ported.socketPath == "/tmp/pg/.s.PGSQL.6000")
        #expect(ported.tlsMode == .disable)
    }

    @Test func thePasswordComesFromTheURLThenPGPASSWORDThenThePasswordFile() throws {
        let file = try passwordFile("*:*:*:*:from-file\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let environment = ["PGPASSWORD": "from-environment", "PGPASSFILE": file]
        // The URL wins, percent-escapes decoded.
        #expect(try parse("postgres://alice:from%40url@db/crawl", environment).password == "from@url")
        // Then PGPASSWORD.
        #expect(try parse("postgres://alice@db/crawl", environment).password == "from-environment")
        // Then the password file.
        #expect(try parse("postgres://alice@db/crawl", ["PGPASSFILE": file]).password == "from-file")
        // None of them: no password (and no ~/.pgpass read when HOME is not set).
        #expect(try parse("postgres://alice@db/crawl").password == nil)
        // A PGPASSFILE that does not exist is no password, not an error.
        #expect(try parse("postgres://alice@db/crawl", ["PGPASSFILE": "/nonexistent/trawl/pgpass"]).password == nil)
    }

    @Test func thePasswordFileMatchesFieldsWildcardsAndEscapes() throws {
        let file = #"""
            # host:port:database:user:password
            other.example.com:5432:crawl:alice:wrong-host
            db.example.com:5433:crawl:alice:wrong-port
            db.example.com:5432:crawl:alice:exact\:colon\\slash
            db.example.com:*:crawl:*:any-port-any-user
            *:*:archive:alice:any-host
            *:*:*:*:fallback
            """#
        let path = try passwordFile(file)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let environment = ["PGPASSFILE": path]
        // The first matching line wins; `\:` and `\\` stand for themselves.
        #expect(try parse("postgres://alice@db.example.com/crawl", environment).password == #"exact:colon\slash"#)
        #expect(try parse("postgres://carol@db.example.com:7000/crawl", environment).password == "any-port-any-user")
        #expect(try parse("postgres://alice@elsewhere.example.com/archive", environment).password == "any-host")
        #expect(try parse("postgres://dave@elsewhere.example.com/other", environment).password == "fallback")
        // A file without a matching line gives no password.
        let narrow = try passwordFile("db.example.com:5432:crawl:alice:only-alice\n")
        defer { try? FileManager.default.removeItem(atPath: narrow) }
        #expect(try parse("postgres://bob@db.example.com/crawl", ["PGPASSFILE": narrow]).password == nil)
        #expect(try parse("postgres://alice@db.example.com/crawl", ["PGPASSFILE": narrow]).password == "only-alice")
    }

    @Test(arguments: [
        "postgres://db.example.com/crawl",                                   // no user
        "postgres://:\(secret)@db.example.com/crawl",                        // no user, a password
        "postgres://alice:\(secret)@db.example.com",                         // no database
        "postgres://alice:\(secret)@db.example.com/",                        // no database
        "postgres://alice:\(secret)@db.example.com/crawl?sslmode=verify-full", // an sslmode this driver cannot honour
        "postgres://alice:\(secret)@db.example.com/crawl?sslmode=",
        "postgres://alice:\(secret)@db.example.com/crawl?connect_timeout=5", // an unknown parameter
        "postgres://alice@db.example.com/crawl?password=\(secret)",          // a password as an unknown parameter
        "postgres://alice:\(secret)@db.example.com/crawl?host=relative/dir", // a socket directory must be absolute
        "mysql://alice:\(secret)@db.example.com/crawl",                      // not PostgreSQL
        "postgres://alice:\(secret)@db.example.com:0/crawl",                 // no such port
    ])
    func malformedURLsAreRefusedWithoutRepeatingThePassword(_ url: String) throws {
        let error = #expect(throws: StoreError.self) {
            try PostgresLocation(parsing: url, environment: ["PGPASSWORD": Self.secret])
        }
        #expect(error?.kind == .unsupported)
        #expect(error?.message.isEmpty == false)
        #expect(error?.message.contains(Self.secret) == false, "\(error?.message ?? "")")
        #expect(error?.description.contains(Self.secret) == false)
    }

    @Test func eachRefusalSaysWhatIsWrong() throws {
        func message(_ url: String) -> String {
            do {
                _ = try PostgresLocation(parsing: url, environment: [:])
                return "accepted"
            } catch {
                return error.message
            }
        }
        #expect(message("postgres://db.example.com/crawl").contains("no user"))
        #expect(message("postgres://alice:\(Self.secret)@db.example.com/").contains("no database"))
        #expect(message("postgres://alice:\(Self.secret)@db.example.com/crawl?sslmode=verify-full").contains("sslmode"))
        let unknown = message("postgres://alice:\(Self.secret)@db.example.com/crawl?connect_timeout=5")
        #expect(unknown.contains("unknown") && unknown.contains("connect_timeout"), "\(unknown)")
        // PGUSER stands in for a missing user, as in libpq.
        #expect(try PostgresLocation(parsing: "postgres://db.example.com/crawl", environment: ["PGUSER": "eve"]).user == "eve")
    }
}

/// What only a shared PostgreSQL database has: many processes migrating and admitting runs at once. Needs the server
/// `TRAWL_TEST_POSTGRES` names; each test makes its own database and drops it.
@Suite struct PostgresStoreTests {
    static let logger = Logger(label: "trawl.test.postgres")
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Runs `body` with a fresh, empty database's URL, dropping the database afterwards (on error too).
    func withDatabase(_ body: (String) async throws -> Void) async throws {
        let database = try await PostgresTestDatabase.create()
        do {
            try await body(database.url)
        } catch {
            await database.drop()
            throw error
        }
        await database.drop()
    }

    /// Runs `body` on one plain postgres-nio connection to the database at `url`, beside any store.
    func withConnection<T>(_ url: String, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        let location = try PostgresLocation(parsing: url)
        let configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Self.logger)
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// The identifiers in `trawl_migrations`, with how often each occurs, in order.
    func appliedMigrations(_ url: String) async throws -> [String: Int] {
        try await withConnection(url) { connection in
            var applied: [String: Int] = [:]
            let rows = try await connection.query(
                "SELECT identifier, count(*)::int8 FROM trawl_migrations GROUP BY identifier", logger: Self.logger)
            for try await (identifier, count) in rows.decode((String, Int).self) { applied[identifier] = count }
            return applied
        }
    }

    func makeJob(in store: PostgresStore, exclusive: [ExclusiveRule] = []) async throws -> Job {
        var config = CrawlConfig(seeds: [.staticList(urls: ["https://example.com/"])])
        config.starting.exclusive = exclusive
        let job = Job(tenantID: "acme", name: "docs", labels: [:], config: config, createdAt: now, updatedAt: now)
        try await store.insertJob(job)
        return job
    }

    @Test(.enabled(if: StoreBackend.available.contains(.postgres)))
    func processesOpeningAFreshDatabaseAtOnceMigrateItOnce() async throws {
        try await withDatabase { url in
            let location = try PostgresLocation(parsing: url)
            // Eight processes' worth of stores open the empty database at once: all must wait their turn, none fail.
            let results = await withTaskGroup(of: Result<PostgresStore, StoreError>.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        do throws(StoreError) { return .success(try await PostgresStore.open(location, connections: 2)) }
                        catch { return .failure(error) }
                    }
                }
                var results: [Result<PostgresStore, StoreError>] = []
                for await result in group { results.append(result) }
                return results
            }
            let stores = results.compactMap { try? $0.get() }
            defer { stores.forEach { $0.close() } }
            let failures = results.compactMap { result -> String? in
                if case .failure(let error) = result { return error.message } else { return nil }
            }
            #expect(failures.isEmpty, "\(failures)")
            #expect(stores.count == 8)

            // Each step is recorded once, and exactly this build's steps are.
            let applied = try await appliedMigrations(url)
            #expect(applied == Dictionary(uniqueKeysWithValues: PostgresStore.migrations.map { ($0.identifier, 1) }))
            #expect(!applied.isEmpty)

            // Every store works on the one schema: what one writes, another reads.
            let first = try #require(stores.first), last = try #require(stores.last)
            let job = try await makeJob(in: first)
            #expect(try await last.job(job.id, tenantID: "acme") == job)
        }
    }

    /// Leases are kept in the database's clock: a process whose clock runs 30 s behind still holds its run for its
    /// whole lease in every other process's eyes (it was taken as expired at once, and the run crawled twice), and
    /// its heartbeat reads as recent.
    @Test(.enabled(if: StoreBackend.available.contains(.postgres)))
    func processesWhoseClocksDisagreeAgreeOnLeases() async throws {
        try await withDatabase { url in
            let location = try PostgresLocation(parsing: url)
            let behind: @Sendable () -> Date = { Date().addingTimeInterval(-30) }
            let slow = try await PostgresStore.open(location, connections: 2, localClock: behind)
            defer { slow.close() }
            let right = try await PostgresStore.open(location, connections: 2)
            defer { right.close() }
            #expect(abs(slow.clock.offsetMilliseconds - 30_000) < 1_000, "\(slow.clock.offsetMilliseconds)")
            #expect(right.clock.offsetMilliseconds == 0)

            let job = try await makeJob(in: right)
            let run = Run(job: job, createdAt: Date())
            try await right.insertRun(run)
            // The slow process claims for 10 s by its own clock; the other, by a right one, must not take the run.
            #expect(try await slow.claimRun(run.id, executor: "slow", now: behind(), until: behind().addingTimeInterval(10)))
            #expect(try await !right.claimRun(run.id, executor: "right", now: Date(), until: Date().addingTimeInterval(10)))
            // …until the lease is over by the database's clock.
            #expect(try await right.claimRun(run.id, executor: "right", now: Date().addingTimeInterval(11),
                                             until: Date().addingTimeInterval(21)))
            #expect(try await right.renewClaims([run.id], executor: "slow", until: Date()).lost == [run.id])

            let beat = WorkerRecord(id: "slow:1:aaaa", role: .worker, host: "slow", pid: 1, listen: nil, maxConcurrentRuns: 1,
                                    startedAt: behind(), heartbeatAt: behind())
            try await slow.heartbeat(beat, forgetBefore: behind().addingTimeInterval(-3_600))
            // Read by the right clock, the beat is 30 s later than the slow clock said; the slow process reads its own
            // times back in its own clock (each within the offset's measuring error, half a round trip).
            let seen = try #require(try await right.workers(tenantID: "acme", now: Date()).first)
            #expect(abs(seen.heartbeatAt.timeIntervalSince(beat.heartbeatAt) - 30) < 1, "\(seen.heartbeatAt)")
            let own = try #require(try await slow.workers(tenantID: "acme", now: behind()).first)
            #expect(abs(own.heartbeatAt.timeIntervalSince(beat.heartbeatAt)) < 0.01, "\(own.heartbeatAt)")
        }
    }

    @Test(.enabled(if: StoreBackend.available.contains(.postgres)))
    func theStoreSurvivesReopening() async throws {
        try await withDatabase { url in
            let location = try PostgresLocation(parsing: url)
            let store = try await PostgresStore.open(location)
            let job = try await makeJob(in: store)
            store.close()
            let reopened = try await PostgresStore.open(location)
            defer { reopened.close() }
            #expect(try await reopened.job(job.id, tenantID: "acme") == job)
            // Opening again applies nothing twice.
            #expect(try await appliedMigrations(url).values.allSatisfy { $0 == 1 })
        }
    }

    @Test(.enabled(if: StoreBackend.available.contains(.postgres)))
    func aDatabaseWrittenByANewerTrawlIsRefusedUntouched() async throws {
        try await withDatabase { url in
            let location = try PostgresLocation(parsing: url)
            let store = try await PostgresStore.open(location)
            let job = try await makeJob(in: store)
            store.close()
            let future = "pg99-from-the-future"
            try await withConnection(url) { connection in
                _ = try await connection.query("INSERT INTO trawl_migrations (identifier) VALUES (\(future))", logger: Self.logger)
            }

            let error = await #expect(throws: StoreError.self) { try await PostgresStore.open(location) }
            #expect(error?.message.contains("newer version") == true, "\(error?.message ?? "")")
            #expect(error?.message.contains(future) == true, "\(error?.message ?? "")")

            // Nothing was changed or dropped: the unknown step and the job are still there.
            let applied = try await appliedMigrations(url)
            #expect(applied[future] == 1)
            #expect(applied.count == PostgresStore.migrations.count + 1)
            let jobs = try await withConnection(url) { connection in
                var ids: [UUID] = []
                for try await id in try await connection.query("SELECT id FROM jobs", logger: Self.logger).decode(UUID.self) {
                    ids.append(id)
                }
                return ids
            }
            #expect(jobs == [job.id.uuid])
        }
    }

    @Test(.enabled(if: StoreBackend.available.contains(.postgres)))
    func concurrentStartsThroughTwoStoresAdmitOneRunUnderALimitOfOne() async throws {
        try await withDatabase { url in
            let location = try PostgresLocation(parsing: url)
            // Two processes' stores on one database.
            let one = try await PostgresStore.open(location)
            defer { one.close() }
            let two = try await PostgresStore.open(location)
            defer { two.close() }
            let rules = [ExclusiveRule(by: .job, limit: 1)]
            let job = try await makeJob(in: one, exclusive: rules)
            let now = self.now
            let outcomes = await withTaskGroup(of: (RunID, Result<ExclusiveRefusal?, StoreError>).self) { group in
                for attempt in 0..<10 {
                    let store = attempt % 2 == 0 ? one : two
                    group.addTask {
                        let run = Run(job: job, createdAt: now.addingTimeInterval(Double(attempt)))
                        do throws(StoreError) { return (run.id, .success(try await store.admitRun(run, newJob: nil, under: rules))) }
                        catch { return (run.id, .failure(error)) }
                    }
                }
                var outcomes: [(RunID, Result<ExclusiveRefusal?, StoreError>)] = []
                for await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            let errors = outcomes.compactMap { outcome -> String? in
                if case .failure(let error) = outcome.1 { return error.message } else { return nil }
            }
            #expect(errors.isEmpty, "\(errors)")
            let admitted = outcomes.filter { if case .success(nil) = $0.1 { true } else { false } }.map(\.0)
            let refusals = outcomes.compactMap { try? $0.1.get() }
            #expect(admitted.count == 1, "admitted \(admitted)")
            #expect(refusals.count == 9)
            // Each refusal names the one run that got in, and both stores see only that run.
            #expect(refusals.allSatisfy { $0.activeRunIDs == admitted })
            for store in [one, two] {
                var query = RunQuery(tenantID: "acme")
                query.jobIDs = [job.id]
                #expect(try await store.runs(matching: query).map(\.id) == admitted)
            }
        }
    }
}

/// Times written to PostgreSQL (no server needed): the millisecond, and times past the stored range kept at its ends.
@Suite struct StoredTimeTests {
    @Test func timesPastTheRangeAreKeptAtItsEndsInsteadOfTrapping() {
        let last = StoredTime(Timestamp.representable.upperBound).milliseconds
        #expect(last == 253_402_300_799_999)
        for far in [1e300, 9.3e18, .infinity] {
            #expect(StoredTime(Date(timeIntervalSince1970: far)).milliseconds == last)
        }
        #expect(StoredTime(Date(timeIntervalSince1970: -.infinity)).milliseconds
                == StoredTime(Timestamp.representable.lowerBound).milliseconds)
        #expect(StoredTime(Date(timeIntervalSince1970: 1_800_000_000.001)).milliseconds == 1_800_000_000_001)
    }
}
