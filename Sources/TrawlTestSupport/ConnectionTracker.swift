import TrawlCore
import Dispatch
import Foundation
import Glibc
import Synchronization

/// Knows every socket and thread a server owns, so `stop()` can wake them all and wait for them to end.
///
/// Sockets are shut down (never closed) from here while the lock is held; their owners remove them
/// under the same lock before closing, so a descriptor number is never touched after reuse.
final class ConnectionTracker: Sendable {
    private struct State {
        var isStopped = false
        var sockets: Set<Socket> = []
        var threads: Set<pthread_t> = []
    }

    private let state = Mutex(State())
    private let running = DispatchGroup()
    /// Wakes interruptible sleeps (`drip`) when the server stops.
    private let wakeUp = NSCondition()
    /// How long `stop()` waits for server threads; only a handler that blocks on its own can take this long.
    private let stopTimeout: DispatchTimeInterval = .seconds(2)

    /// True once `stop()` has begun.
    var isStopped: Bool { state.withLock { $0.isStopped } }

    /// Records `socket` and starts `body` on a new thread, unless the server is stopping (then false).
    @discardableResult
    func spawn(owning socket: Socket, name: String, _ body: @escaping @Sendable () -> Void) -> Bool {
        // Entering the group under the lock guarantees a concurrent stop() waits for this thread.
        let admitted = state.withLock { state -> Bool in
            guard !state.isStopped else { return false }
            state.sockets.insert(socket)
            running.enter()
            return true
        }
        guard admitted else { return false }
        let thread = Thread { [self] in
            let me = pthread_self()
            state.withLock { _ = $0.threads.insert(me) }
            body()
            state.withLock { _ = $0.threads.remove(me) }
            running.leave()
        }
        thread.name = name
        thread.start()
        return true
    }

    /// Closes `socket` and forgets it: gracefully (FIN, then a short wait for the client's FIN) unless
    /// `abort` is asked or the server is stopping; then it resets the connection, so data still queued
    /// for a slow reader is dropped and the client learns at once that the server is gone.
    func release(_ socket: Socket, abort: Bool) {
        if !abort, !isStopped {
            // Still registered while lingering, so stop() can cut the wait short by shutting the socket.
            socket.lingerAfterSendingFIN()
        }
        let stopping = state.withLock { state in
            state.sockets.remove(socket)
            return state.isStopped
        }
        if abort || stopping {
            socket.setLingerZero()
        }
        socket.close()
    }

    /// Sleeps for `duration` unless the server stops first; returns false if it stopped.
    func sleep(for duration: Duration) -> Bool {
        let deadline = Date(timeIntervalSinceNow: duration.seconds)
        wakeUp.lock()
        defer { wakeUp.unlock() }
        while !isStopped {
            if !wakeUp.wait(until: deadline) { return !isStopped }
        }
        return false
    }

    /// Shuts every socket so blocked threads return, then waits (bounded) for the threads to finish.
    /// Idempotent; when called from one of the server's own threads it does not wait for itself.
    func stop() {
        let onServerThread = state.withLock { state -> Bool in
            if !state.isStopped {
                state.isStopped = true
                for socket in state.sockets { socket.shutdown() }
            }
            return state.threads.contains(pthread_self())
        }
        wakeUp.lock()
        wakeUp.broadcast()
        wakeUp.unlock()
        if !onServerThread {
            _ = running.wait(timeout: .now() + stopTimeout)
        }
    }
}
