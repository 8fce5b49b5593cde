/// A claim on the process's budget for response bodies in memory, given back when the last holder lets go.
///
/// A body's bytes are reserved while it downloads (see the fetcher) and stay reserved, through the response, the
/// processed page and its record, until the record has been written to the store and dropped. Tying the release to
/// `deinit` means no path (a failure, a retry, a stopped run) can forget to give the bytes back.
public final class MemoryLease: Sendable, Equatable {
    private let release: @Sendable () -> Void

    /// A lease that calls `release` exactly once, when it goes away.
    public init(release: @escaping @Sendable () -> Void) {
        self.release = release
    }

    deinit { release() }

    /// Leases are not part of what a value is: two pages with the same content are equal whatever they hold.
    public static func == (lhs: MemoryLease, rhs: MemoryLease) -> Bool { true }
}
