import Synchronization

/// Every request a server received, in arrival order; safe to read while the server runs.
final class RequestLog: Sendable {
    private let entries = Mutex<[FixtureRequest]>([])

    /// Records one request.
    func append(_ request: FixtureRequest) {
        entries.withLock { $0.append(request) }
    }

    /// A copy of everything received so far.
    var snapshot: [FixtureRequest] { entries.withLock { $0 } }

    /// How many requests had exactly this request target (path and query).
    func count(target: String) -> Int {
        entries.withLock { $0.reduce(0) { $0 + ($1.target == target ? 1 : 0) } }
    }
}
