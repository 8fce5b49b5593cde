import Foundation

/// Runs blocking work (a child process, a pipe read, a synchronous HTTP exchange) on a thread of its own.
///
/// Swift Testing runs every test, synchronous ones included, on the cooperative pool, which has one thread per core.
/// On a 2-core machine two tests blocked there froze every crawl, server and poll in the test process, and tests with
/// deadlines failed for nothing they did.
enum OwnThread {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}
