import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `trawl serve` (or `trawl worker`) child process on a free loopback port, and a small JSON client for it.
final class ServerProcess: @unchecked Sendable {
    /// Where it listens; a start that finds the port taken moves to another.
    private(set) var port: Int
    let db: String
    /// Arguments beyond port and store: by default, leave to crawl the fixture sites on 127.0.0.1.
    let arguments: [String]
    /// `serve` or `worker`.
    let command: String
    private var process: Process?

    /// Where the server's log goes (every start appends): beside a SQLite store by default.
    let logPath: String

    init(db: String, arguments: [String] = ["--allow-private-networks"], log: String? = nil, command: String = "serve") throws {
        self.db = db
        self.arguments = arguments
        self.command = command
        logPath = log ?? db + ".log"
        port = try Self.freePort()
    }

    var base: String { "http://127.0.0.1:\(port)" }
    /// The log's last lines.
    var logTail: String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(30).joined(separator: "\n")
    }

    /// Starts `trawl serve` and waits until it answers `/healthz`.
    func start() async throws {
        // The port was free when chosen, but another socket (a fixture server, another test's) can take it before
        // the child binds it: the child then exits, and the next attempt uses a port free now.
        for _ in 0..<3 {
            if try await launch() { return }
            port = try Self.freePort()
        }
        throw ServerError("trawl \(command) exited before answering /healthz, on three ports")
    }

    /// True once the server answers; false if it exited first.
    private func launch() async throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TrawlBinary.path)
        process.arguments = [command, "--port", String(port), "--db", db] + arguments
        process.standardOutput = FileHandle.nullDevice
        // What the server logs, beside its store, for a failing test to show.
        if !FileManager.default.fileExists(atPath: logPath) { _ = FileManager.default.createFile(atPath: logPath, contents: nil) }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        try log.seekToEnd()
        process.standardError = log
        try process.run()
        self.process = process
        // A debug build starting on a loaded machine can take seconds: a generous deadline costs nothing when it is up.
        let deadline = ContinuousClock.now + .seconds(60)
        let logStart = (try? FileManager.default.attributesOfItem(atPath: logPath)[.size] as? Int) ?? 0
        while ContinuousClock.now < deadline && process.isRunning {
            // Answering is not enough: another test's server could hold the port. Ours says so in its log.
            if (try? await request("GET", "/healthz"))?.status == 200, announced(since: logStart) { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        guard process.isRunning else {
            self.process = nil
            return false
        }
        throw ServerError("the server did not answer /healthz")
    }

    /// Whether the log, past `offset`, has this process serving on our port and store.
    private func announced(since offset: Int) -> Bool {
        guard let data = FileManager.default.contents(atPath: logPath), data.count > offset else { return false }
        // A PostgreSQL URL is logged without its password, so only a file path is compared whole.
        let store = db.contains("://") ? "" : db
        return String(decoding: data[offset...], as: UTF8.self).contains("serving on \(base) with the store at \(store)")
    }

    /// SIGKILL: no chance to write anything, as in a crash.
    func kill() {
        guard let process else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    /// SIGTERM: the graceful way.
    func stop() {
        guard let process else { return }
        process.terminate()
        process.waitUntilExit()
        self.process = nil
    }

    deinit { kill() }

    /// `json` is parsed once, before the response leaves its thread, and only read after.
    struct Response: @unchecked Sendable {
        var status: Int
        var json: [String: Any]
        var text: String
        var data = Data()
    }

    func request(_ method: String, _ path: String, body: [String: Any]? = nil, tenant: String? = nil) async throws -> Response {
        let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        return try await OwnThread.run { [base] in try Self.exchange(base, method, path, payload: payload, tenant: tenant) }
    }

    private static func exchange(_ base: String, _ method: String, _ path: String, payload: Data?, tenant: String?) throws -> Response {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.timeoutInterval = 10
        if let tenant { request.setValue(tenant, forHTTPHeaderField: "X-Tenant-Id") }
        // As an API client would: bodiless state-changing requests are otherwise refused as possibly cross-site.
        request.setValue("trawl-tests", forHTTPHeaderField: "X-Trawl-Client")
        if let payload {
            request.httpBody = payload
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let semaphore = DispatchSemaphore(value: 0)
        let box = ResultBox()
        URLSession.shared.dataTask(with: request) { data, response, error in
            box.status = (response as? HTTPURLResponse)?.statusCode ?? 0
            box.data = data ?? Data()
            box.error = error
            semaphore.signal()
        }.resume()
        semaphore.wait()
        if let error = box.error { throw error }
        let json = (try? JSONSerialization.jsonObject(with: box.data)) as? [String: Any] ?? [:]
        return Response(status: box.status, json: json, text: String(decoding: box.data, as: UTF8.self), data: box.data)
    }

    private final class ResultBox: @unchecked Sendable {
        var status = 0
        var data = Data()
        var error: (any Error)?
    }

    struct ServerError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw ServerError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
