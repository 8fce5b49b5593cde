import DequeModule
import Foundation
import HeapModule
import Logging

/// The crawl loop's state and its event handling. Confined to the task that runs `run(_:)`: never shared,
/// so nothing in it needs a lock. Each event is handled, then the loop makes a scheduling *evaluation*
/// (dispatch what may go now) and checks the stop criteria.
final class CrawlLoop {
    struct Retry: Comparable {
        var at: ContinuousClock.Instant
        var sequence: Int
        var entry: FrontierEntry
        static func < (lhs: Retry, rhs: Retry) -> Bool { (lhs.at, lhs.sequence) < (rhs.at, rhs.sequence) }
        static func == (lhs: Retry, rhs: Retry) -> Bool { lhs.at == rhs.at && lhs.sequence == rhs.sequence }
    }

    /// How the loop is winding down, once a stop criterion or a request said so.
    enum Ending {
        case finish(StopReason, RunError?)
        case pause
        /// The process is going away; the run stays `running` and resumes in the next one. (A part of a shared run
        /// also suspends when the run stopped being `running` elsewhere: it leaves the run's state as stored.)
        case suspend
    }

    let dependencies: CrawlDependencies
    let tuning: EngineTuning
    let events: AsyncStream<CrawlEvent>.Continuation
    let onProgress: @Sendable (Run) -> Void
    let config: CrawlConfig
    /// The manifest's extra request headers, in a stable order, built once rather than per request.
    let requestHeaders: [(name: String, value: String)]
    let clock = ContinuousClock()
    var logger: Logger

    var run: Run
    var frontier: Frontier
    var gate: URLGate?
    var processor: PageProcessor?
    var seen = Set<UInt64>()
    var hostCounts: [String: Int] = [:]
    var recorder: RunRecorder
    var retries = Heap<Retry>()
    var retrySequence = 0
    var robotsAttempts: [Origin: Int] = [:]
    var pagesInFlight = 0
    var parsesInFlight = 0
    var spilled = 0
    var sawBeyondDepth = false
    /// URLs excluded because their address is refused by the address policy (seen through robots.txt).
    var blockedAddressExclusions = 0
    var flushInFlight = false
    var claimInFlight = false
    /// When the earliest wake-up asked for is due (nil when none is pending).
    var wakeAt: ContinuousClock.Instant?
    var ending: Ending?
    /// What the job's previous run fetched, by URL fingerprint: validators to send and payloads to point at.
    var priorFetches: [UInt64: PriorFetch] = [:]
    /// The seeds' sitemap `<lastmod>`, by URL fingerprint.
    var sitemapLastModified: [UInt64: Date] = [:]
    /// Admitted URLs whose earlier copy is current: processed from the stored payload, never requested.
    var reuseQueue = FrontierEntryQueue()
    /// Revisits reading their payload or being processed from it, the bytes of those payloads, and revisits waiting
    /// for room.
    var revisitsInFlight = 0
    var revisitBytes = 0
    var revisitsWaiting = Deque<PendingRevisit>()
    /// This process's part of a shared run; nil when the run is crawled here alone.
    var part: SharedPart?

    init(run: Run, dependencies: CrawlDependencies, tuning: EngineTuning, share: CrawlShare?,
         events: AsyncStream<CrawlEvent>.Continuation, onProgress: @escaping @Sendable (Run) -> Void) {
        self.run = run
        self.dependencies = dependencies
        self.tuning = tuning
        self.events = events
        self.onProgress = onProgress
        config = run.config
        requestHeaders = run.config.fetcher.headers.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
        logger = dependencies.logger
        logger[metadataKey: "run"] = "\(run.id)"
        let speed = config.speed
        frontier = Frontier(
            ranker: config.ranker,
            politeness: Politeness(minimum: speed.delay, maximum: speed.maxDelay, factor: speed.delayFactor,
                                   perHostConcurrency: speed.perHostConcurrency,
                                   maxCrawlDelay: config.robots.maxCrawlDelay,
                                   defaultCrawlDelay: config.robots.defaultDelay),
            obeyRobots: config.robots.obey)
        frontier.robotsMemoryBudget = tuning.robotsMemoryBudget
        recorder = RunRecorder(runID: run.id)
        if let share, let store = dependencies.sharedStore {
            part = SharedPart(store: store, share: share, now: clock.now)
        }
    }

    // MARK: - The loop

    func run(_ stream: AsyncStream<CrawlEvent>) async -> Run {
        do {
            try await start()
        } catch {
            logger.error("the run could not start: \(error)")
            // A store error's detail (the database's words) is the operator's; the run shows only its message.
            let message = (error as? StoreError)?.message ?? "\(error)"
            return await finishNow(.unknown, RunError(code: "start_failed", message: message))
        }
        if ending == nil { evaluate() }
        for await event in stream {
            handle(event)
            if ending == nil {
                evaluate()
            } else if part != nil {
                // Winding down (parses and the last batch still to come) can outlast a lease: the run's pipeline
                // takes a part whose lease lapsed for one that has written all it will.
                renewIfDue(now: clock.now)
            }
            if let ending, parsesInFlight == 0, revisitsInFlight == 0, !flushInFlight, !claimInFlight,
               part?.isBusy != true {
                return await conclude(ending)
            }
        }
        return run
    }

    private func handle(_ event: CrawlEvent) {
        switch event {
        case .fetched(let entry, let result):
            pagesInFlight -= 1
            guard ending == nil else { return }  // abandoned: its row stays queued and is fetched on resume
            handleFetch(entry, result)
        case .robots(let origin, let outcome):
            guard ending == nil else { return }
            handleRobots(origin, outcome)
        case .processed(let page):
            parsesInFlight -= 1
            record(page)
        case .revisited(let page, let bytes):
            finishedRevisit(bytes: bytes)
            record(page)
        case .payloadMissing(let entry, let bytes):
            finishedRevisit(bytes: bytes)
            guard ending == nil else { return }  // its row stays queued and is fetched on resume
            payloadMissing(entry)
        case .flushed(let error):
            flushInFlight = false
            if let error {
                logger.error("a batch could not be written: \(error)")
                end(.finish(.unknown, RunError(code: RunError.storeFailed, message: error.message)))
            }
            onProgress(run)
        case .claimed(let result):
            claimInFlight = false
            switch result {
            case .success(let records): restore(records)
            case .failure(let error):
                logger.error("spilled URLs could not be read back: \(error)")
                end(.finish(.unknown, RunError(code: RunError.storeFailed, message: error.message)))
            }
        case .leased(let result):
            leased(result)
        case .renewed(let result):
            renewed(result)
        case .reserved(let result):
            reserved(result)
        case .drained(let result):
            drained(result)
        case .tick:
            onProgress(run)
        case .wake:
            if let wakeAt, wakeAt <= clock.now { self.wakeAt = nil }
        case .stop(let reason):
            end(.finish(reason, nil))
        case .pause:
            end(.pause)
        case .suspend:
            end(.suspend)
        }
    }

    /// Records why the run is ending; the first reason wins and is never overwritten.
    func end(_ reason: Ending) {
        guard ending == nil else { return }
        ending = reason
    }

    // MARK: - Evaluation

    /// One scheduling evaluation: release due retries, dispatch what politeness allows, count empty
    /// evaluations, check the stop criteria, and write when a batch is due.
    func evaluate() {
        let now = clock.now
        run.progress.evaluations += 1
        while let due = retries.min, due.at <= now {
            retries.removeMin()
            frontier.push(due.entry, atFront: true, now: now)
        }
        if part == nil { refillFromDisk() } else { shareIfDue(now: now) }
        let dispatched = dispatch(now: now)
        if dispatched == 0 && isIdle {
            run.progress.emptyEvaluations += 1
        } else {
            run.progress.emptyEvaluations = 0
        }
        syncGauges()
        checkStopCriteria()
        flushIfDue(now: now, force: false)
        scheduleWake(now: now)
    }

    /// Wakes the loop when the earliest waiting origin or retry is due, when that comes before the next tick: a
    /// per-host delay of a few milliseconds must not be rounded up to the tick (with `delay: 5ms` one origin got
    /// about 10 pages/s, not up to 200). Work due now but held by concurrency limits needs no wake: the
    /// completion that frees a slot brings an evaluation.
    private func scheduleWake(now: ContinuousClock.Instant) {
        guard ending == nil, let due = [frontier.nextWakeUp, retries.min?.at].compactMap({ $0 }).min(),
              due > now, due < now + tuning.tick else { return }
        if let pending = wakeAt, pending <= due, pending > now { return }
        wakeAt = due
        let events = events
        Task {
            try? await Task.sleep(until: due, clock: .continuous)
            events.yield(.wake)
        }
    }

    /// Nothing queued, on the wire, being parsed, waiting to retry or waiting on disk: the crawl is out of work.
    var isIdle: Bool {
        frontier.count == 0 && spilled == 0 && pagesInFlight == 0 && parsesInFlight == 0 && retries.isEmpty
            && !frontier.isFetchingRobots && !claimInFlight && reuseQueue.isEmpty && revisitsInFlight == 0
            && revisitsWaiting.isEmpty
    }

    /// URLs that will be processed without new dispatches: what `max_urls` must leave room for.
    var committed: Int {
        run.progress.processed + pagesInFlight + parsesInFlight + retries.count + revisitsInFlight + revisitsWaiting.count
    }

    private func dispatch(now: ContinuousClock.Instant) -> Int {
        var dispatched = dispatchReuse()
        // robots.txt fetches share the concurrency budget: a crawl that meets thousands of new hosts at once must
        // not open thousands of connections.
        while ending == nil, pagesInFlight + frontier.robotsInFlight < config.speed.concurrency,
              recorder.unflushedBytes < tuning.maxUnflushedBytes, parsesInFlight < tuning.maxParsesWaiting {
            if quotaReached() { break }
            guard let work = frontier.next(now: now) else { break }
            switch work {
            case .robots(let origin):
                fetchRobots(origin, attempt: (robotsAttempts[origin] ?? 0) + 1)
            case .disallowed(let entry, let reason):
                exclude(entry, reason: reason)
            case .page(let entry):
                dispatched += 1
                pagesInFlight += 1
                let request = FetchRequest(
                    url: entry.url, userAgent: config.fetcher.userAgent,
                    headers: requestHeaders + conditionalHeaders(entry.url.fingerprint),
                    timeout: config.fetcher.timeout, connectTimeout: config.fetcher.connectTimeout,
                    maxBodyBytes: config.fetcher.maxBodyBytes, addressPolicy: tuning.addressPolicy)
                let fetcher = dependencies.fetcher
                let events = events
                Task { events.yield(.fetched(entry, await fetcher.fetch(request))) }
            }
        }
        return dispatched
    }

    private func checkStopCriteria() {
        guard ending == nil else { return }
        let stopping = config.stopping
        if let maxAge = stopping.maxAge, let startedAt = run.startedAt,
           Date().timeIntervalSince(startedAt) >= maxAge.seconds {
            return end(.finish(.maxAge, nil))
        }
        // A part of a shared run cannot tell from here whether the run is done: the store can.
        if part != nil { return askWhetherDrained() }
        if let maxURLs = stopping.maxURLs, run.progress.processed >= maxURLs {
            return end(.finish(.maxURLs, nil))
        }
        guard isIdle else { return }
        if run.progress.processed == 0 {
            // Nothing was fetched; when the address policy is why, the run says so rather than leave a client to
            // guess from the log.
            let blocked = blockedAddressExclusions > 0 && blockedAddressExclusions == run.progress.excluded
            end(.finish(.emptySeed, blocked ? RunError.seedsBlocked : nil))
        } else if sawBeyondDepth {
            end(.finish(.maxDepth, nil))
        } else if run.progress.emptyEvaluations >= stopping.maxEmptyEvaluations {
            end(.finish(.maxEmptyEvaluations, nil))
        }
    }

    func syncGauges() {
        run.progress.queued = frontier.count + spilled + retries.count + reuseQueue.count
        run.progress.inFlight = pagesInFlight
    }

    // MARK: - Writing

    func flushIfDue(now: ContinuousClock.Instant, force: Bool) {
        guard !flushInFlight, recorder.hasWork else { return }
        let due = force || recorder.batch.pages.count >= tuning.flushPages
            || recorder.unflushedBytes >= tuning.maxUnflushedBytes / 4
            || recorder.oldestUnflushed.map { now - $0 >= tuning.flushInterval } ?? false
        guard due else { return }
        run.updatedAt = Date()
        let batch = takeBatch()
        flushInFlight = true
        let store = dependencies.store
        let events = events
        // A shared run's batches meet other parts' in the store (a deadlock PostgreSQL broke, a lock that timed out):
        // they are tried again before the part gives up, since a lost batch would have its URLs fetched again.
        let attempts = part == nil ? 1 : tuning.finalWriteAttempts
        Task {
            let failure = await BatchWriter.write(batch, to: store, attempts: attempts)
            events.yield(.flushed(failure))
        }
    }

    /// Takes what the recorder holds as a batch: stamped with the run, or, in a shared run, with this part's counters
    /// (the run's state only when this part changed it).
    func takeBatch(final: Bool = false, statusChanged: Bool = false) -> RunBatch {
        var batch = recorder.take(run: run)
        if let part {
            batch.share = ShareWrite(share: part.share, progress: run.progress, releaseAll: final, ended: final)
            if !statusChanged { batch.run = nil }
        }
        return batch
    }

    /// Writes what is left and the run's final state, directly (the loop is over).
    private func conclude(_ ending: Ending) async -> Run {
        if part != nil { return await concludeShared(ending) }
        syncGauges()
        run.progress.inFlight = 0
        let now = Date()
        let outcome: RunLifecycle.Outcome?
        switch ending {
        case .pause: outcome = try? RunLifecycle.apply(.pause, to: run, at: now)
        case .suspend: outcome = nil
        case .finish(let reason, let error): outcome = try? RunLifecycle.apply(.finish(reason, error), to: run, at: now)
        }
        if case .changed(let next)? = outcome { run = next }
        let batch = recorder.take(run: run)
        if let failure = await commitFinal(batch) {
            if case .suspend = ending {
                // The store says `running`, which is what a suspended run is: it resumes from what was written, here
                // or in another process (which may hold it already, if this one lost its claim). Ending it instead
                // would have the run manager write `finished` over that process's run once the store came back.
                logger.error("could not write the suspended run's last batch (it resumes from what was written): \(failure)")
            } else {
                // The store still says `running`. The run that leaves here says what happened instead, with an error
                // code, so that no one waiting on it (the CLI, the pipeline, the API through the run manager, which
                // keeps writing it until the store takes it) is told the crawl goes on.
                logger.error("could not write the run's final state: \(failure)")
                // The code is `store_failed` whatever error the ending carried (kept in the message): it is what tells
                // the run manager to hold the run and write it again, rather than leave the store saying `running`.
                let ended = run.error.map { " (it ended with \($0.code): \($0.message))" } ?? ""
                let error = RunError(code: RunError.storeFailed,
                                     message: "the run's final state could not be stored: \(failure.message)\(ended)")
                if run.status != .finished,
                   case .changed(let next)? = try? RunLifecycle.apply(.finish(.unknown, error), to: run, at: Date()) {
                    run = next
                }
                run.error = error
            }
        }
        onProgress(run)
        logger.info("run \(run.status.rawValue)\(run.stopReason.map { " (\($0.rawValue))" } ?? "")")
        return run
    }

    /// Writes the last batch, trying again a few times: a store that is briefly full or locked often recovers.
    func commitFinal(_ batch: RunBatch) async -> StoreError? {
        await BatchWriter.write(batch, to: dependencies.store, attempts: tuning.finalWriteAttempts)
    }

    /// Ends a run that never got going (its start failed).
    private func finishNow(_ reason: StopReason, _ error: RunError) async -> Run {
        ending = .finish(reason, error)
        return await conclude(.finish(reason, error))
    }
}
