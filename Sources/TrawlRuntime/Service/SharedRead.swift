import TrawlCore

/// A read that callers share: within `freshness` of the last answer they get that answer, and callers arriving while
/// a read is under way wait for it rather than start their own. `/metrics` answers unauthenticated scrapes with it,
/// so that a flood of scrapes costs the store one count per `freshness`, not one per request.
actor SharedRead<Value: Sendable> {
    private let freshness: Duration
    /// How long a read may run before callers stop waiting for it and start another: a read that hangs (a database
    /// that stopped answering) must not hold every later caller, as one read per caller never did.
    private let patience: Duration
    private let read: @Sendable () async throws(StoreError) -> Value
    private var last: (value: Value, at: ContinuousClock.Instant)?
    private var inFlight: (task: Task<Result<Value, StoreError>, Never>, started: ContinuousClock.Instant)?

    init(freshness: Duration, patience: Duration = .seconds(30),
         read: @escaping @Sendable () async throws(StoreError) -> Value) {
        self.freshness = freshness
        self.patience = patience
        self.read = read
    }

    func value() async throws(StoreError) -> Value {
        let now = ContinuousClock.now
        if let last, now - last.at < freshness { return last.value }
        let flight: (task: Task<Result<Value, StoreError>, Never>, started: ContinuousClock.Instant)
        if let inFlight, now - inFlight.started < patience {
            flight = inFlight
        } else {
            let read = read
            flight = (Task { () async -> Result<Value, StoreError> in
                do throws(StoreError) { return .success(try await read()) } catch { return .failure(error) }
            }, now)
            inFlight = flight
        }
        let outcome = await flight.task.value
        if inFlight?.task == flight.task {
            inFlight = nil
            // Fresh from when the read began: it counts what the store held then. A failure is not kept: the next
            // caller tries the store again.
            if case .success(let value) = outcome { last = (value, flight.started) }
        }
        return try outcome.get()
    }
}
