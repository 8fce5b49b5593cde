import PostgresNIO
import TrawlCore

extension PostgresRandomAccessRow {
    /// The column named `name`, decoded as `T`; a missing column or another type is a corrupt store.
    func value<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws(StoreError) -> T {
        guard contains(name) else { throw StoreError(.corrupt, "a stored row lacks its \(name) column") }
        do { return try self[name].decode(T.self) } catch {
            throw StoreError(.corrupt, "the stored \(name) column has an unexpected type")
        }
    }
}

extension PostgresStore {
    /// Every row `query` answers, read in full (lists are bounded by their LIMIT).
    static func rows(of query: PostgresQuery, on connection: PostgresConnection,
                     logger: Logger) async throws -> [PostgresRandomAccessRow] {
        var rows: [PostgresRandomAccessRow] = []
        for try await row in try await connection.query(query, logger: logger) { rows.append(row.makeRandomAccess()) }
        return rows
    }

    /// Every row of `query`, in its own transaction.
    func rows(_ what: String, _ query: PostgresQuery) async throws(StoreError) -> [PostgresRandomAccessRow] {
        let logger = logger
        return try await connection(what) { connection in try await Self.rows(of: query, on: connection, logger: logger) }
    }

    /// Runs `query` for its effect; returns how many rows it answered. postgres-nio's async API does not report a
    /// command's row count, so a statement whose count matters ends in `RETURNING 1`.
    @discardableResult
    static func execute(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        let result = try await connection.query(query, logger: logger)
        var count = 0
        for try await _ in result { count += 1 }
        return count
    }
}
