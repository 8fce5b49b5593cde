/// Hands blocks of bytes from a producer to a consumer one at a time: `send` waits until the consumer has taken the
/// previous block, so a slow reader slows the producer instead of letting blocks pile up in memory. What a streamed
/// response needs between an export (which produces) and the response writer (which consumes).
actor BlockHandoff {
    private var pending: [UInt8]?
    private var finished = false
    private var failure: (any Error)?
    private var producer: CheckedContinuation<Void, Never>?
    private var consumer: CheckedContinuation<Void, Never>?

    /// Offers `block` and waits until it has been taken (or the consumer has gone).
    func send(_ block: [UInt8]) async throws {
        while pending != nil && !finished { await withCheckedContinuation { producer = $0 } }
        if finished { throw CancellationError() }
        pending = block
        consumer?.resume()
        consumer = nil
    }

    /// Ends the stream, with `error` when the producer failed.
    func finish(throwing error: (any Error)? = nil) {
        finished = true
        failure = error
        consumer?.resume()
        consumer = nil
        producer?.resume()
        producer = nil
    }

    /// The next block; nil once the stream has ended (throwing the producer's failure, if any).
    func receive() async throws -> [UInt8]? {
        while pending == nil && !finished { await withCheckedContinuation { consumer = $0 } }
        if let block = pending {
            pending = nil
            producer?.resume()
            producer = nil
            return block
        }
        if let failure { throw failure }
        return nil
    }
}
