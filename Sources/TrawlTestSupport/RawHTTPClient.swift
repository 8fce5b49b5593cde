import Foundation
import Glibc

/// A blocking HTTP/1.1 client over one raw TCP connection, for sending exactly the bytes a test needs.
public final class RawHTTPClient {
    /// One parsed response.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// How the connection ended when reading to its end.
    public enum Ending: Equatable, Sendable {
        case closed
        case reset
        case timedOut
    }

    public struct ClientError: Error, CustomStringConvertible {
        public var description: String
        public var code: Int32 = 0
    }

    private let descriptor: Int32
    private var buffer: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; reads give up after `timeout`.
    public init(port: Int, timeout: Duration = .seconds(5)) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ClientError(description: "socket() failed: errno \(errno)") }
        let seconds = timeout.components.seconds
        var limit = timeval(tv_sec: Int(seconds), tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            Glibc.close(descriptor)
            throw ClientError(description: "connect() failed: errno \(errno)")
        }
    }

    deinit {
        Glibc.close(descriptor)
    }

    /// Sends `text` as UTF-8.
    public func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    /// Sends every byte.
    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw ClientError(description: "send() failed: errno \(errno)") }
            offset += sent
        }
    }

    /// Reads one response; `bodyless` for answers to HEAD, whose Content-Length describes no body.
    public func readResponse(bodyless: Bool = false) throws -> Response {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while true {
            if let range = buffer.firstRange(of: separator) {
                headEnd = range.upperBound
                break
            }
            guard try fill() else { throw ClientError(description: "connection ended inside a response head") }
        }
        let headText = String(decoding: buffer[..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd!)
        var lines = headText.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw ClientError(description: "bad status line in \(headText)")
        }
        let headers = lines.map { line -> (name: String, value: String) in
            let colon = line.firstIndex(of: ":")!
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var response = Response(status: status, headers: headers, body: [])
        if !bodyless, let length = response.header("Content-Length").flatMap({ Int($0) }) {
            while buffer.count < length {
                guard try fill() else { throw ClientError(description: "connection ended inside a body") }
            }
            response.body = Array(buffer[..<length])
            buffer.removeFirst(length)
        }
        return response
    }

    /// Reads until at least `count` bytes past the last response are buffered, and returns them all.
    public func read(atLeast count: Int) throws -> [UInt8] {
        while buffer.count < count {
            guard try fill() else { throw ClientError(description: "connection ended after \(buffer.count) bytes") }
        }
        return takeBuffer()
    }

    /// Reads until the server closes, resets, or the read timeout passes; returns the unread bytes too.
    public func readToEnd() -> (bytes: [UInt8], ending: Ending) {
        while true {
            do {
                guard try fill() else { return (takeBuffer(), .closed) }
            } catch {
                return (takeBuffer(), error.code == ECONNRESET ? .reset : .timedOut)
            }
        }
    }

    private func takeBuffer() -> [UInt8] {
        defer { buffer.removeAll() }
        return buffer
    }

    /// Appends what the socket has; false at end of stream.
    private func fill() throws(ClientError) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count < 0 {
            let code = errno
            throw ClientError(description: "recv() failed: errno \(code)", code: code)
        }
        buffer.append(contentsOf: chunk[..<count])
        return count > 0
    }
}
