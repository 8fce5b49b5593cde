/// When to try a failed embedding request again: exponential backoff, or the wait the server asked for.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included; 1 means no retries.
    public var maximumAttempts: Int
    /// The wait after the first failure.
    public var initialDelay: Duration
    /// Each further failure multiplies the wait by this.
    public var multiplier: Double
    /// The backoff never waits longer than this.
    public var maximumDelay: Duration
    /// A server's `Retry-After` longer than this ends the retries (as rate-limited) instead of blocking that long.
    public var maximumRetryAfter: Duration
    /// Up to this fraction is added at random to each backoff, so many clients do not retry in step.
    public var jitter: Double

    /// A policy; the defaults suit hosted APIs (5 attempts over about 8 seconds of backoff).
    public init(
        maximumAttempts: Int = 5, initialDelay: Duration = .milliseconds(500), multiplier: Double = 2,
        maximumDelay: Duration = .seconds(30), maximumRetryAfter: Duration = .seconds(120), jitter: Double = 0.1
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialDelay = initialDelay
        self.multiplier = max(1, multiplier)
        self.maximumDelay = maximumDelay
        self.maximumRetryAfter = maximumRetryAfter
        self.jitter = max(0, jitter)
    }

    /// The wait before the next attempt after attempt `attempt` (from 1) failed, or nil to stop: attempts are
    /// used up, or the server asked for a longer wait than `maximumRetryAfter`. `retryAfter` wins over backoff.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?) -> Duration? {
        guard attempt < maximumAttempts else { return nil }
        if let retryAfter {
            return retryAfter <= maximumRetryAfter ? max(retryAfter, .zero) : nil
        }
        let backoff = initialDelay * pow(multiplier, Double(attempt - 1))
        let capped = min(backoff, maximumDelay)
        return jitter > 0 ? capped * (1 + Double.random(in: 0 ... jitter)) : capped
    }

    private func pow(_ base: Double, _ exponent: Double) -> Double {
        // Repeated multiplication: exponents are small, and this avoids importing a math library for one call.
        (0 ..< Int(exponent)).reduce(1) { value, _ in value * base }
    }
}
