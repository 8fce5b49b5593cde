import Foundation
import TrawlCore

/// Where a PostgreSQL store is and how to log in: `postgres://USER[:PASS]@HOST[:PORT]/DB[?sslmode=…&host=/socket/dir]`.
///
/// The password may come from the URL, but a flag shows in `ps`, so `PGPASSWORD` and a password file (`PGPASSFILE`,
/// else `~/.pgpass`, in libpq's format) are read too, in libpq's order of precedence after the URL. No value of
/// the URL is ever put into an error message: it may carry the password.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// How the connection is encrypted (libpq's `sslmode`, the values this driver can honour).
    public enum TLSMode: String, Sendable, Equatable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    /// A directory holding the server's socket (`?host=/dir`, libpq's spelling): connect there instead of TCP.
    public var socketDirectory: String?
    public var user: String
    public var password: String?
    public var database: String
    public var tlsMode: TLSMode

    /// The location without its password, however it is printed (a log line, a failed test's message).
    public var description: String {
        "postgres://\(user)@\(socketDirectory ?? host):\(port)/\(database)"
    }

    public var debugDescription: String { description }

    /// The socket file PostgreSQL listens on inside `socketDirectory`.
    public var socketPath: String? { socketDirectory.map { "\($0)/.s.PGSQL.\(port)" } }

    /// Reads a `postgres://` or `postgresql://` URL; `environment` supplies `PGPASSWORD`, `PGPASSFILE` and `HOME`.
    public init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(StoreError) {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw StoreError(.unsupported, "a PostgreSQL store is given as postgres://USER@HOST[:PORT]/DATABASE")
        }
        var socketDirectory: String?
        var tlsMode = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                    throw StoreError(.unsupported, "sslmode must be disable, prefer or require")
                }
                tlsMode = mode
            case "host":
                guard let value = item.value, value.hasPrefix("/") else {
                    throw StoreError(.unsupported, "?host= names a socket directory (an absolute path)")
                }
                socketDirectory = value
            default:
                throw StoreError(.unsupported, "unknown PostgreSQL URL parameter '\(Self.shown(item.name))'; "
                    + "known: sslmode, host")
            }
        }
        let host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? (socketDirectory == nil ? "localhost" : "")
        guard !host.isEmpty || socketDirectory != nil else { throw StoreError(.unsupported, "the PostgreSQL URL names no host") }
        guard let user = components.user.flatMap({ $0.isEmpty ? nil : $0 }) ?? environment["PGUSER"] else {
            throw StoreError(.unsupported, "the PostgreSQL URL names no user (postgres://USER@HOST/DATABASE)")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw StoreError(.unsupported, "the PostgreSQL URL names no database (postgres://USER@HOST/DATABASE)")
        }
        guard let port = components.port ?? 5432 as Int?, (1...65535).contains(port) else {
            throw StoreError(.unsupported, "the PostgreSQL port must be between 1 and 65535")
        }
        self.host = host
        self.port = port
        self.socketDirectory = socketDirectory
        self.user = user
        self.database = database
        self.tlsMode = tlsMode
        password = components.password ?? environment["PGPASSWORD"]
            ?? Self.passwordFile(environment).flatMap { Self.password(in: $0, host: socketDirectory ?? host, port: port,
                                                                      database: database, user: user) }
    }

    /// The password file libpq would read, if it exists.
    private static func passwordFile(_ environment: [String: String]) -> String? {
        let path = environment["PGPASSFILE"] ?? environment["HOME"].map { "\($0)/.pgpass" }
        guard let path, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return text
    }

    /// The first `host:port:database:user:password` line matching (each of the first four may be `*`).
    static func password(in file: String, host: String, port: Int, database: String, user: String) -> String? {
        for line in file.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = splitEscaped(String(line))
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// Splits a password-file line at unescaped colons; `\:` and `\\` stand for themselves.
    private static func splitEscaped(_ line: String) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for character in line {
            if escaped { current.append(character); escaped = false }
            else if character == "\\" { escaped = true }
            else if character == ":" { fields.append(current); current = "" }
            else { current.append(character) }
        }
        fields.append(current)
        return fields
    }

    /// A name fit to echo: short and printable, else a placeholder.
    private static func shown(_ text: String) -> String {
        text.count <= 30 && text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) ? text : "…"
    }
}
