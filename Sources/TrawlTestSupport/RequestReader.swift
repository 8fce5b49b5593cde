/// Buffers bytes from one connection and hands out request heads and bodies.
struct RequestReader {
    /// What reading the next request produced.
    enum HeadResult {
        case head(RequestHead)
        /// The client closed (or the server shut the socket) between or inside requests.
        case closed
        case failed(RequestParseFailure)
    }

    private let socket: Socket
    private var buffer: [UInt8] = []
    /// Start of the unread bytes in `buffer`; moving an index is cheaper than removing from the front.
    private var readIndex = 0
    private var parser = RequestHeadParser()
    private var scratch = [UInt8](repeating: 0, count: 16 * 1024)

    init(socket: Socket) {
        self.socket = socket
    }

    /// Reads until one request head is complete, the peer leaves, or the head is invalid.
    mutating func nextHead() -> HeadResult {
        while true {
            do {
                if case let .complete(head, consumed) = try parser.parse(buffer[readIndex...]) {
                    consume(consumed)
                    return .head(head)
                }
            } catch {
                return .failed(error)
            }
            guard fill() else { return .closed }
        }
    }

    /// Reads a request body (chunk framing removed); nil if the connection ended first.
    mutating func readBody(_ framing: RequestHead.BodyFraming) throws(RequestParseFailure) -> [UInt8]? {
        switch framing {
        case .none:
            return []
        case let .length(length):
            var body: [UInt8] = []
            body.reserveCapacity(min(length, 1 << 20))
            while true {
                let step = min(length - body.count, buffer.count - readIndex)
                body.append(contentsOf: buffer[readIndex ..< readIndex + step])
                consume(step)
                if body.count == length { return body }
                guard fill() else { return nil }
            }
        case .chunked:
            var skipper = ChunkedBodySkipper()
            var body: [UInt8]? = []
            while true {
                let (consumed, finished) = try skipper.consume(buffer[readIndex...], data: &body)
                consume(consumed)
                if finished { return body }
                guard fill() else { return nil }
            }
        }
    }

    /// Appends what the socket has; false at end of stream or on error.
    private mutating func fill() -> Bool {
        guard let count = try? socket.receive(into: &scratch), count > 0 else { return false }
        buffer.append(contentsOf: scratch[0..<count])
        return true
    }

    private mutating func consume(_ count: Int) {
        readIndex += count
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
        } else if readIndex >= 64 * 1024 {
            buffer.removeFirst(readIndex)
            readIndex = 0
        }
    }
}
