import Foundation

/// Serves one accepted TCP connection: reads requests, asks the handler, writes answers, until either side closes.
struct Connection {
    let socket: Socket
    let id: Int
    let handler: @Sendable (FixtureRequest) -> FixtureResponse
    let log: RequestLog
    let tracker: ConnectionTracker

    /// Runs the request loop, then closes the socket the way the last response asked for.
    func run() {
        let outcome = serve()
        tracker.release(socket, abort: outcome == .abort)
    }

    private func serve() -> ResponseWriter.Outcome {
        var reader = RequestReader(socket: socket)
        let writer = ResponseWriter(socket: socket, tracker: tracker)
        while !tracker.isStopped {
            let head: RequestHead
            switch reader.nextHead() {
            case let .head(parsed): head = parsed
            case .closed: return .close
            case let .failed(failure):
                writer.writeFailure(failure)
                return .close
            }
            let body: [UInt8]
            do {
                let framing = try head.bodyFraming()
                if framing != .none, head.expectsContinue {
                    try? socket.sendAll(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
                }
                guard let read = try reader.readBody(framing) else { return .close }
                body = read
            } catch {
                writer.writeFailure(error)
                return .close
            }
            let request = FixtureRequest(
                method: head.method,
                target: head.target,
                version: head.version,
                headers: head.headers.map { (name: $0.name, value: $0.value) },
                receivedAt: Date(),
                connectionID: id,
                body: body
            )
            log.append(request)
            let outcome = writer.write(handler(request), answering: head)
            if outcome != .keepAlive { return outcome }
        }
        return .close
    }
}
