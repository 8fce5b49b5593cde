import TrawlCore

extension APIError {
    /// The HTTP form of a service failure; `internal` is handled by the caller, which logs it first.
    init(_ error: ServiceError, requestID: String) {
        switch error {
        case .notFound(let message):
            self = .notFound(message)
        case .conflict(let message):
            self.init(status: .conflict, code: "conflict", message: message)
        case .invalidState(let message):
            self.init(status: .conflict, code: "invalid_state", message: message)
        case .atCapacity(let message, let retryAfter):
            self.init(status: .conflict, code: "at_capacity", message: message)
            headers[.retryAfter] = String(retryAfter)
        case .quotaExceeded(let message, let retryAfter):
            self.init(status: .tooManyRequests, code: "quota_exceeded", message: message)
            if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        case .validation(let issues):
            self = .validation(issues.map { FieldIssue(field: $0.path, code: "invalid", message: $0.message) })
        case .unavailable(let message):
            self.init(status: .serviceUnavailable, code: "unavailable", message: message)
        case .internal:
            self = .internal(requestID: requestID)
        }
    }
}
