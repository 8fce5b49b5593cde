import Synchronization

/// One value handed from whichever task offers first to the one waiting, in either order; later offers are dropped.
final class Rendezvous<Value: Sendable>: Sendable {
    private enum State {
        case empty
        case waiting(CheckedContinuation<Value, Never>)
        case offered(Value)
        case delivered
    }

    private let state = Mutex<State>(.empty)

    func wait() async -> Value {
        await withCheckedContinuation { continuation in
            let ready: Value? = state.withLock { state in
                guard case .offered(let value) = state else {
                    state = .waiting(continuation)
                    return nil
                }
                state = .delivered
                return value
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    func offer(_ value: Value) {
        let waiting: CheckedContinuation<Value, Never>? = state.withLock { state in
            switch state {
            case .empty:
                state = .offered(value)
                return nil
            case .waiting(let continuation):
                state = .delivered
                return continuation
            case .offered, .delivered:
                return nil
            }
        }
        waiting?.resume(returning: value)
    }
}
