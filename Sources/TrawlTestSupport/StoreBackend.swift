import Foundation
import Logging
import PostgresNIO
import TrawlCore
import TrawlPostgres
import TrawlStore

/// The databases store tests run on: SQLite always, PostgreSQL when `TRAWL_TEST_POSTGRES` names a server
/// (`scripts/test` starts a throwaway cluster and sets it). With `TRAWL_TEST_REQUIRE_POSTGRES=1` a missing server is a
/// failure, not a skip, so CI cannot pass having tested one backend.
public enum StoreBackend: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite, postgres

    public var description: String { rawValue }

    /// The backends this test process can reach.
    public static var available: [StoreBackend] {
        let environment = ProcessInfo.processInfo.environment
        if environment["TRAWL_TEST_POSTGRES"] != nil || environment["TRAWL_TEST_REQUIRE_POSTGRES"] == "1" {
            return [.sqlite, .postgres]
        }
        return [.sqlite]
    }

    /// A new, empty store of this kind; `close` it when done (it drops a PostgreSQL test database).
    public func makeStore() async throws -> TestStore {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-store-\(UUID().uuidString)")
            let path = directory.appendingPathComponent("trawl.db").path
            return TestStore(store: try SQLiteStore(path: path), location: path) {
                try? FileManager.default.removeItem(at: directory)
            }
        case .postgres:
            let database = try await PostgresTestDatabase.create()
            let store = try await PostgresStore.open(try PostgresLocation(parsing: database.url))
            return TestStore(store: store, location: database.url) {
                store.close()
                await database.drop()
            }
        }
    }
}

/// A store made for one test, and how to throw it away.
public struct TestStore: Sendable {
    public let store: any CrawlStore
    /// What `--db` would say to open this store again (a path, or a PostgreSQL URL).
    public let location: String
    private let cleanup: @Sendable () async -> Void

    init(store: any CrawlStore, location: String, cleanup: @escaping @Sendable () async -> Void) {
        self.store = store
        self.location = location
        self.cleanup = cleanup
    }

    public func close() async { await cleanup() }
}

/// One database per test on the server `TRAWL_TEST_POSTGRES` names, so tests can run in parallel and leave nothing.
public struct PostgresTestDatabase: Sendable {
    public let url: String
    let name: String
    let server: PostgresLocation

    /// Creates `trawl_test_<random>` on the test server.
    public static func create() async throws -> PostgresTestDatabase {
        guard let base = ProcessInfo.processInfo.environment["TRAWL_TEST_POSTGRES"] else {
            throw StoreError(.unsupported, "TRAWL_TEST_POSTGRES is not set: run scripts/test, which starts a cluster")
        }
        let server = try PostgresLocation(parsing: base)
        let name = "trawl_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        // From template0, which takes no connections: copying template1 fails while another test is copying it.
        try await administer(server, "CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8'")
        var components = URLComponents(string: base)!
        components.path = "/\(name)"
        return PostgresTestDatabase(url: components.string!, name: name, server: server)
    }

    /// Drops the database, closing whatever still holds it.
    public func drop() async {
        try? await Self.administer(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    private static func administer(_ server: PostgresLocation, _ sql: String) async throws {
        let configuration = PostgresConnection.Configuration(
            host: server.host, port: server.port, username: server.user, password: server.password,
            database: server.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1,
                                                               logger: Logger(label: "trawl.test.postgres"))
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "trawl.test.postgres"))
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }
}
