/// Writes a crawl's batches, trying again when the store fails: a store that is briefly full or locked, or a deadlock
/// the database broke, often recovers.
enum BatchWriter {
    /// Writes `batch` up to `attempts` times, waiting 250 ms, then twice as long each time; the last error, or nil.
    static func write(_ batch: RunBatch, to store: any CrawlLog, attempts: Int) async -> StoreError? {
        var wait = Duration.milliseconds(250)
        let attempts = max(1, attempts)
        for attempt in 1...attempts {
            do throws(StoreError) {
                try await store.commit(batch)
                return nil
            } catch {
                if attempt == attempts { return error }
                try? await Task.sleep(for: wait)
                wait = wait * 2
            }
        }
        return nil
    }
}
