import TrawlCore

/// Where the store is, as `--db`, `TRAWL_DB` and `db:` in `server.yaml` spell it: a file path, or `sqlite:PATH`.
///
/// A value with any other scheme is refused before anything is opened: `postgres://user@host/db` once made a
/// directory named `postgres:` with a SQLite file in it, which looks like success and loses every write to the
/// database the user meant. The refusal names the scheme only, never the value: it may carry a password.
public enum StoreLocation: Sendable, Equatable {
    /// An embedded SQLite file.
    case sqlite(path: String)

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
        let shown = scheme.count <= 20 && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
            ? "'\(scheme)'" : "this"
        if scheme == "postgres" || scheme == "postgresql" {
            throw StoreError(.unsupported, "PostgreSQL stores are not available in this build yet; use a SQLite file "
                + "(a path, or sqlite:PATH)")
        }
        throw StoreError(.unsupported, "\(shown) store scheme is not supported; give a SQLite file path or sqlite:PATH")
    }

    /// The SQLite file, for the adapter that opens it.
    public var path: String {
        switch self {
        case .sqlite(let path): path
        }
    }
}
