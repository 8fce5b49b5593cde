import TrawlCore
import TrawlPostgres

/// Where the store is, as `--db`, `TRAWL_DB` and `db:` in `server.yaml` spell it: a file path or `sqlite:PATH` for the
/// embedded SQLite store, or `postgres://USER@HOST[:PORT]/DB[?sslmode=…]` (also `postgresql://`) for PostgreSQL.
///
/// A value with any other scheme is refused before anything is opened: `mysql://user@host/db` once made a directory
/// named `mysql:` with a SQLite file in it, which looks like success and loses every write to the database the user
/// meant. A refusal names the scheme only, never the value: it may carry a password.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    /// An embedded SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(PostgresLocation)

    /// Reads `text`; throws a message fit for the user when the scheme is not one this build serves.
    public init(parsing text: String) throws(StoreError) {
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }  // sqlite:///abs/path and sqlite://rel
            guard !path.isEmpty else { throw StoreError(.unsupported, "sqlite: needs a file path, for example sqlite:trawl.db") }
            self = .sqlite(path: path)
            return
        }
        guard let separator = text.range(of: "://") else {
            guard !text.isEmpty else { throw StoreError(.unsupported, "the store path is empty") }
            self = .sqlite(path: text)
            return
        }
        let scheme = text[..<separator.lowerBound].lowercased()
        if scheme == "postgres" || scheme == "postgresql" {
            self = .postgres(try PostgresLocation(parsing: text))
            return
        }
        let shown = scheme.count <= 20 && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
            ? "'\(scheme)'" : "this"
        throw StoreError(.unsupported, "\(shown) store scheme is not supported; give a SQLite file path or sqlite:PATH, "
            + "or postgres://USER@HOST/DATABASE")
    }

    /// The location as messages may show it: never with a password.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let location): location.description
        }
    }
}
