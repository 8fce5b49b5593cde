import TrawlCore
import Glibc

/// A TCP socket descriptor with thin, throwing wrappers over the Glibc calls the server needs.
///
/// Only the thread that serves a socket closes it; `ConnectionTracker.stop()` merely shuts sockets
/// down from other threads, so a descriptor is never closed (and its number reused) while still in use.
struct Socket: Sendable, Hashable {
    let descriptor: Int32

    /// Opens a listening socket on 127.0.0.1 with an ephemeral port and returns it with that port.
    static func listenOnLoopback(backlog: Int32 = 128) throws(FixtureServerError) -> (socket: Socket, port: Int) {
        let fd = try systemCall("socket") {
            Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        }
        let socket = Socket(descriptor: fd)
        do {
            var reuse: Int32 = 1
            try systemCall("setsockopt") {
                setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
            }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
            try systemCall("bind") {
                withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            }
            try systemCall("listen") { listen(fd, backlog) }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            try systemCall("getsockname") {
                withUnsafeMutablePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
                }
            }
            return (socket, Int(UInt16(bigEndian: address.sin_port)))
        } catch {
            socket.close()
            throw error
        }
    }

    /// Waits for the next client; fails with `EINVAL` once the listener has been shut down.
    func accept() throws(FixtureServerError) -> Socket {
        let fd = try systemCall("accept") { Glibc.accept(descriptor, nil, nil) }
        // Keep the descriptor out of processes the tests spawn (curl), or they would hold connections open.
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        return Socket(descriptor: fd)
    }

    /// Reads up to `buffer.count` bytes; 0 means the peer closed (or the socket was shut down).
    func receive(into buffer: inout [UInt8]) throws(FixtureServerError) -> Int {
        let capacity = buffer.count
        let fd = descriptor
        // withUnsafeMutableBytes rethrows untyped errors, so the typed error travels out in a Result.
        let result = buffer.withUnsafeMutableBytes { raw in
            Result { () throws(FixtureServerError) -> Int in
                try systemCall("recv") { recv(fd, raw.baseAddress, capacity, 0) }
            }
        }
        return try result.get()
    }

    /// Writes every byte or throws; `MSG_NOSIGNAL` turns a vanished peer into `EPIPE` instead of SIGPIPE.
    func sendAll(_ bytes: [UInt8]) throws(FixtureServerError) {
        try sendAll(bytes[...])
    }

    /// Writes every byte of the slice or throws.
    func sendAll(_ bytes: ArraySlice<UInt8>) throws(FixtureServerError) {
        let fd = descriptor
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(FixtureServerError) in
                var offset = 0
                while offset < raw.count {
                    offset += try systemCall("send") {
                        send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                    }
                }
            }
        }
        try result.get()
    }

    /// Disables Nagle so small responses are not held back waiting for the client's delayed ACK.
    func setNoDelay() {
        var on: Int32 = 1
        _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Makes the next `close()` abort the connection with a TCP RST instead of a FIN.
    func setLingerZero() {
        var option = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
    }

    /// Reads and discards until the peer closes, the connection fails, or the socket is shut down.
    func waitForPeerToLeave() {
        var scratch = [UInt8](repeating: 0, count: 4096)
        while let count = try? receive(into: &scratch), count > 0 {}
    }

    /// Wakes any thread blocked on this socket: reads return 0 and writes fail.
    func shutdown() {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
    }

    /// Sends FIN, then reads and discards until the client closes too, for at most `limit`.
    ///
    /// Closing with unread input makes Linux reset the connection, and a RST can destroy a response the
    /// client has not read yet (a 431 sent while the client is still uploading its huge header, say).
    func lingerAfterSendingFIN(limit: Duration = .milliseconds(250)) {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_WR))
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        var scratch = [UInt8](repeating: 0, count: 16 * 1024)
        let capacity = scratch.count
        while clock.now < deadline {
            let milliseconds = Int32(max(1, ((deadline - clock.now).seconds * 1000).rounded(.up)))
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&request, 1, milliseconds) > 0 else { return }
            let read = scratch.withUnsafeMutableBytes {
                recv(descriptor, $0.baseAddress, capacity, Int32(MSG_DONTWAIT))
            }
            if read == 0 || (read < 0 && errno != EAGAIN && errno != EINTR) { return }
        }
    }

    /// Releases the descriptor.
    func close() {
        _ = Glibc.close(descriptor)
    }
}

/// Runs a system call, retrying on `EINTR` and turning a negative result into a typed error.
@discardableResult
func systemCall<Value: BinaryInteger>(
    _ name: String, _ call: () -> Value
) throws(FixtureServerError) -> Value {
    while true {
        let result = call()
        if result >= 0 { return result }
        let code = errno
        if code != EINTR { throw .systemCall(name: name, errno: code) }
    }
}
