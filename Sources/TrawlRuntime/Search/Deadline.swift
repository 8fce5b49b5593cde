/// Runs work with a time limit, without waiting for work that ignores cancellation.
///
/// A task group would not do: it waits for its children, and an embedder blocked in a network call answers its
/// cancellation only when the call ends. The work runs in its own task instead, and whichever comes first, its
/// result or the limit, answers the caller; work still running then is cancelled and left to end on its own.
enum Deadline {
    /// `body`'s result, or nil once `limit` has passed.
    static func run<T: Sendable, E: Error>(
        within limit: Duration, _ body: @escaping @Sendable () async throws(E) -> T
    ) async throws(E) -> T? {
        let rendezvous = Rendezvous<Result<T, E>?>()
        let work = Task {
            let result: Result<T, E>
            do throws(E) { result = .success(try await body()) } catch { result = .failure(error) }
            rendezvous.offer(result)
        }
        let timer = Task {
            try? await Task.sleep(for: limit)
            rendezvous.offer(nil)
        }
        let outcome = await rendezvous.wait()
        timer.cancel()
        guard let outcome else {
            work.cancel()
            return nil
        }
        return try outcome.get()
    }
}
