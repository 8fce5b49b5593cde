/// Collects what the loop wants written and hands it over in batches; one batch is written at a time, in order.
struct RunRecorder {
    private(set) var batch: RunBatch
    private(set) var oldestUnflushed: ContinuousClock.Instant?
    private(set) var unflushedBytes = 0

    init(runID: RunID) { batch = RunBatch(runID: runID) }

    var hasWork: Bool { batch.hasChanges }

    mutating func discovered(_ record: FrontierRecord, now: ContinuousClock.Instant) {
        batch.discovered.append(record)
        unflushedBytes += 128
        touch(now)
    }

    mutating func settled(_ settlement: FrontierSettlement, now: ContinuousClock.Instant) {
        batch.settled.append(settlement)
        unflushedBytes += 32
        touch(now)
    }

    mutating func page(_ page: PageRecord, now: ContinuousClock.Instant) {
        batch.pages.append(page)
        unflushedBytes += page.body.count + page.responseHead.count + page.requestHead.count + 256
        touch(now)
    }

    mutating func log(_ entry: CrawlLogEntry, now: ContinuousClock.Instant) {
        batch.log.append(entry)
        unflushedBytes += 96 + entry.url.utf8.count
        touch(now)
    }

    /// Takes everything recorded so far, stamped with `run`.
    mutating func take(run: Run) -> RunBatch {
        var taken = batch
        taken.run = run
        batch = RunBatch(runID: batch.runID)
        oldestUnflushed = nil
        unflushedBytes = 0
        return taken
    }

    private mutating func touch(_ now: ContinuousClock.Instant) {
        if oldestUnflushed == nil { oldestUnflushed = now }
    }
}
