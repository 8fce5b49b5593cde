import Foundation
import Logging
import NIOSSL
import PostgresNIO
import Synchronization
import TrawlCore

/// The shared store: one PostgreSQL database that many Trawl processes (API servers, crawls) use at once.
///
/// Every statement goes through postgres-nio's connection pool; a batch is one transaction, as in the SQLite adapter,
/// and what must not interleave across processes (migrations, admission under starting criteria) takes an advisory
/// lock inside its transaction. postgres-nio errors become `StoreError` here, without the server's or the URL's text
/// beyond the server's one-line message.
public final class PostgresStore: Sendable {
    let client: PostgresClient
    let logger: Logger
    /// The clock leases are kept in (`DatabaseClock`).
    let clock: DatabaseClock
    private let runner: Task<Void, Never>
    private let clockReader = Mutex<Task<Void, Never>?>(nil)
    /// Where the store is, without its password (for messages).
    public let location: PostgresLocation

    private init(client: PostgresClient, location: PostgresLocation, clock: DatabaseClock, logger: Logger) {
        self.client = client
        self.logger = logger
        self.clock = clock
        var shown = location
        shown.password = nil
        self.location = shown
        runner = Task { await client.run() }
    }

    /// Connects to the database at `location` and brings its schema up to date; the pool holds at most
    /// `connections` connections. `localClock` is this process's clock, whose offset from the database's is measured
    /// (a test gives a wrong one).
    public static func open(_ location: PostgresLocation, connections: Int = 8,
                            logger: Logger = Logger(label: "trawl.postgres"),
                            localClock: @escaping @Sendable () -> Date = Date.init) async throws(StoreError) -> PostgresStore {
        var configuration: PostgresClient.Configuration
        if let socket = location.socketPath {
            configuration = .init(unixSocketPath: socket, username: location.user, password: location.password,
                                  database: location.database)
        } else {
            let tls: PostgresClient.Configuration.TLS = switch location.tlsMode {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
            configuration = .init(host: location.host, port: location.port, username: location.user,
                                  password: location.password, database: location.database, tls: tls)
        }
        configuration.options.maximumConnections = max(1, connections)
        configuration.options.connectTimeout = .seconds(10)
        // The pool's own chatter (a lease asked for before run() has started, reconnects) stays out of the log
        // unless it is an error; failures reach callers as StoreErrors.
        var poolLogger = logger
        poolLogger.logLevel = .error
        let store = PostgresStore(client: PostgresClient(configuration: configuration, backgroundLogger: poolLogger),
                                  location: location, clock: DatabaseClock(localNow: localClock), logger: logger)
        do {
            try await migrate(location, logger: poolLogger)
            try await store.readClock()
            let offset = store.clock.offsetMilliseconds
            if offset != 0 {
                logger.warning("this machine's clock is \(-offset) ms off the database's; leases are kept in the database's")
            }
        } catch {
            store.close()
            throw storeError(error, doing: "open the store")
        }
        store.keepReadingClock(every: .seconds(60))
        return store
    }

    /// Measures how far this process's clock is from the database's: three readings on one connection, each timed
    /// around its query alone (not the wait for a pooled connection), the shortest used.
    private func readClock() async throws {
        let logger = logger, clock = clock
        let readings = try await client.withConnection { connection in
            var readings: [DatabaseClock.Reading] = []
            for _ in 0..<3 {
                let before = clock.localNow()
                let rows = try await Self.rows(of: "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::int8 AS now",
                                               on: connection, logger: logger)
                let after = clock.localNow()
                readings.append(DatabaseClock.Reading(before: before, database: try rows[0].value("now", as: Int64.self),
                                                      after: after))
            }
            return readings
        }
        clock.update(from: readings)
    }

    /// Clocks drift: measured again every `interval` (a failed reading keeps the last offset).
    private func keepReadingClock(every interval: Duration) {
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let self, !Task.isCancelled else { return }
                try? await self.readClock()
            }
        }
        clockReader.withLock { $0 = task }
    }

    /// Brings the schema up to date over one direct connection, before the pool is used: a database that is down or
    /// refuses the login answers at once with the reason, where the pool would retry for a minute and then say only
    /// that it gave up.
    private static func migrate(_ location: PostgresLocation, logger: Logger) async throws {
        var configuration: PostgresConnection.Configuration
        if let socket = location.socketPath {
            configuration = .init(unixSocketPath: socket, username: location.user, password: location.password,
                                  database: location.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS = switch location.tlsMode {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            configuration = .init(host: location.host, port: location.port, username: location.user,
                                  password: location.password, database: location.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(10)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        do {
            try await connection.withTransaction(logger: logger) { connection in
                try await PostgresMigration.migrate(connection, with: PostgresStore.migrations, logger: logger)
            }
        } catch {
            try? await connection.close()
            throw (error as? PostgresTransactionError).flatMap { $0.closureError ?? $0.beginError ?? $0.commitError }
                ?? error
        }
        try await connection.close()
    }

    /// Closes the pool; statements after this fail.
    public func close() {
        clockReader.withLock { $0?.cancel() }
        runner.cancel()
    }

    deinit {
        clockReader.withLock { $0?.cancel() }
        runner.cancel()
    }

    /// Runs `body` in one transaction on one pooled connection.
    @discardableResult
    func transaction<T: Sendable>(_ what: String, _ body: (PostgresConnection) async throws -> T) async throws(StoreError) -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            throw Self.storeError(error.closureError ?? error.beginError ?? error.commitError ?? error, doing: what)
        } catch {
            throw Self.storeError(error, doing: what)
        }
    }

    /// Runs `body` on one pooled connection, each statement in its own transaction.
    func connection<T: Sendable>(_ what: String, _ body: (PostgresConnection) async throws -> T) async throws(StoreError) -> T {
        do {
            return try await client.withConnection { connection in try await body(connection) }
        } catch {
            throw Self.storeError(error, doing: what)
        }
    }

    /// Converts any error thrown by postgres-nio or our row decoding into a `StoreError`.
    static func storeError(_ error: any Error, doing what: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? PSQLError {
            if error.code == .server, let state = error.serverInfo?[.sqlState] {
                // The server's words (constraint and table names, values) are the operator's detail.
                let detail = "PostgreSQL error \(state)" + (error.serverInfo?[.message].map { ": \($0.prefix(200))" } ?? "")
                // Class 28: the login was refused (wrong password, unknown user); 3D000: no such database.
                if state.hasPrefix("28") { return StoreError(.io, "could not \(what): the database refused the login") }
                if state == "3D000" { return StoreError(.io, "could not \(what): the database does not exist") }
                // The message must not say more than that the ID exists somewhere (class 23: integrity violations).
                if state == "23505" {
                    return StoreError(.conflict, "could not \(what): that ID is already taken", detail: detail)
                }
                if state.hasPrefix("23") {
                    return StoreError(.conflict, "could not \(what): it conflicts with stored data", detail: detail)
                }
                return StoreError(.io, "could not \(what): PostgreSQL error \(state)", detail: detail)
            }
            return StoreError(.io, "could not \(what): \(connectionProblem(error.code))")
        }
        if error is PostgresDecodingError { return StoreError(.corrupt, "could not \(what): a stored value has an unexpected type") }
        // The pool gave up connecting (refused, unreachable, failed logins): its error names only its own state.
        if String(describing: type(of: error)) == "ConnectionPoolError" {
            return StoreError(.io, "could not \(what): the database cannot be reached or refused the login")
        }
        return StoreError(.io, "could not \(what): the database failed", detail: "\(error)")
    }

    private static func connectionProblem(_ code: PSQLError.Code) -> String {
        switch code {
        case .connectionError: "the database cannot be reached"
        case .sslUnsupported: "the database does not offer TLS, which sslmode=require needs"
        case .authMechanismRequiresPassword: "the database wants a password (PGPASSWORD or a password file)"
        case .unsupportedAuthMechanism, .saslError: "the database refused the login"
        case .serverClosedConnection, .uncleanShutdown: "the database closed the connection"
        case .poolClosed, .clientClosedConnection: "the store is closed"
        case .queryCancelled: "the statement was cancelled"
        default: "a PostgreSQL protocol error (\(code))"
        }
    }
}
