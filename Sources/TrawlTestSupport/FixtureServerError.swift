import Glibc

/// Why a `FixtureServer` could not start: a socket call failed.
public enum FixtureServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The named system call failed with `errno`.
    case systemCall(name: String, errno: Int32)

    /// A message fit for a test failure, naming the call and the operating system's reason.
    public var description: String {
        switch self {
        case let .systemCall(name, code):
            let reason = String(cString: strerror(code))
            return "FixtureServer could not serve on 127.0.0.1: \(name)() failed: \(reason) (errno \(code))"
        }
    }
}
