import Foundation

/// Sends one `FixtureResponse` on a connection, carrying out its `Behavior`.
struct ResponseWriter {
    /// What the connection does after the response.
    enum Outcome: Equatable {
        case keepAlive
        /// Close with FIN, draining what the client already sent.
        case close
        /// Close at once with a TCP RST.
        case abort
    }

    let socket: Socket
    let tracker: ConnectionTracker

    /// Bytes per write for `endless`: large enough that the loop is cheap, small enough to stop promptly.
    private static let endlessBlockSize = 16 * 1024

    /// Writes `response` to the request `head` and says whether the connection may carry another request.
    func write(_ response: FixtureResponse, answering head: RequestHead) -> Outcome {
        let sendsBody = head.method != "HEAD" && response.statusAllowsBody
        let keepAlive = head.wantsKeepAlive && !response.asksToClose && !tracker.isStopped
        // 1xx, 204 and 304 carry no body, and RFC 9110 forbids or discourages a Content-Length on them.
        let normalFraming: FixtureResponse.WireFraming =
            response.statusAllowsBody ? .contentLength(response.body.count) : .none
        let connection = keepAlive ? (head.isHTTP10 ? "keep-alive" : nil) : "close"
        do {
            switch response.behavior {
            case .normal:
                var bytes = response.wireHead(framing: normalFraming, connection: connection)
                if sendsBody { bytes += response.body }
                try socket.sendAll(bytes)
                return keepAlive ? .keepAlive : .close

            case let .drip(bytesPerChunk, interval):
                try socket.sendAll(response.wireHead(framing: normalFraming, connection: connection))
                guard sendsBody else { return keepAlive ? .keepAlive : .close }
                let step = max(1, bytesPerChunk)
                for start in stride(from: 0, to: response.body.count, by: step) {
                    guard tracker.sleep(for: interval) else { return .close }
                    try socket.sendAll(response.body[start..<min(start + step, response.body.count)])
                }
                return keepAlive ? .keepAlive : .close

            case .reset:
                return .abort

            case .hang:
                socket.waitForPeerToLeave()
                return .close

            case let .endless(chunk):
                try writeEndless(chunk, response: response, head: head, sendsBody: sendsBody)
                return .close

            case let .lyingLength(declared):
                try socket.sendAll(response.wireHead(framing: .contentLength(declared), connection: "close"))
                if sendsBody {
                    try socket.sendAll(response.body.prefix(max(0, declared - 1)))
                }
                return .close
            }
        } catch {
            // The client left mid-response (EPIPE, ECONNRESET) or stop() shut the socket: nothing to answer.
            return .close
        }
    }

    /// Answers a request that could not be parsed; the connection is closed afterwards.
    func writeFailure(_ failure: RequestParseFailure) {
        let response = FixtureResponse.text(failure.message + "\n", status: failure.status)
        var bytes = response.wireHead(framing: .contentLength(response.body.count), connection: "close")
        bytes += response.body
        try? socket.sendAll(bytes)
    }

    /// Streams `chunk` forever; HTTP/1.0 clients cannot read chunked coding, so they get a raw stream.
    private func writeEndless(
        _ chunk: [UInt8], response: FixtureResponse, head: RequestHead, sendsBody: Bool
    ) throws(FixtureServerError) {
        let chunked = !head.isHTTP10
        try socket.sendAll(response.wireHead(framing: chunked ? .chunked : .none, connection: "close"))
        guard sendsBody else { return }
        let payload = chunk.isEmpty ? [UInt8(ascii: "\n")] : chunk
        let unit = chunked ? Array(String(payload.count, radix: 16).utf8) + [13, 10] + payload + [13, 10] : payload
        var block: [UInt8] = []
        while block.count < Self.endlessBlockSize { block += unit }
        while !tracker.isStopped {
            try socket.sendAll(block)
        }
    }
}
