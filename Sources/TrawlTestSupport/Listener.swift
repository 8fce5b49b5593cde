import Foundation
import Glibc

/// The listening socket on 127.0.0.1 and its accept loop, which starts a `Connection` thread per client.
struct Listener: Sendable {
    let socket: Socket
    let port: Int

    /// Binds an ephemeral loopback port.
    static func open() throws(FixtureServerError) -> Listener {
        let (socket, port) = try Socket.listenOnLoopback()
        return Listener(socket: socket, port: port)
    }

    /// Starts the accept thread; it ends when `tracker.stop()` shuts the listening socket.
    func startAccepting(
        tracker: ConnectionTracker, log: RequestLog, handler: @escaping @Sendable (FixtureRequest) -> FixtureResponse
    ) {
        let started = tracker.spawn(owning: socket, name: "FixtureServer:\(port) accept") {
            acceptLoop(tracker: tracker, log: log, handler: handler)
            tracker.release(socket, abort: true)
        }
        if !started { socket.close() }
    }

    private func acceptLoop(
        tracker: ConnectionTracker, log: RequestLog, handler: @escaping @Sendable (FixtureRequest) -> FixtureResponse
    ) {
        var nextID = 1
        while !tracker.isStopped {
            let client: Socket
            do {
                client = try socket.accept()
            } catch {
                if tracker.isStopped { return }
                // Out of descriptors or a connection aborted while queued: back off briefly and keep serving.
                usleep(10_000)
                continue
            }
            client.setNoDelay()
            let connection = Connection(socket: client, id: nextID, handler: handler, log: log, tracker: tracker)
            nextID += 1
            let started = tracker.spawn(owning: client, name: "FixtureServer:\(port) #\(connection.id)") {
                connection.run()
            }
            if !started {
                client.close()
                return
            }
        }
    }
}
