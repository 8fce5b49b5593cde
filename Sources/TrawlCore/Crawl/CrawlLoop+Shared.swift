import Foundation
import HeapModule

/// A part of a shared run (`CrawlShare`): joining it, leasing origins and claiming their URLs, renewing the leases,
/// reserving `max_urls` before dispatching, asking the store whether the run is done, and leaving. Everything else —
/// fetching, politeness, parsing, writing — is the loop's usual work over the origins this part leases.
extension CrawlLoop {
    // MARK: Joining

    /// Joins the run. The lead starts or resumes it (seeding a new one, or one that crashed while seeding); another
    /// part joins a running run. Either way the part's counters start at zero: the run's are the parts' sum.
    func startShared() async throws {
        guard let part else { return }
        let now = Date()
        let hasFrontier = try await part.store.join(part.share, until: now + tuning.shareLease.seconds)
        if part.share.isLead {
            let resuming = run.status != .pending
            let processedBefore = run.progress.processed
            switch try RunLifecycle.apply(run.status == .paused ? .resume : .start, to: run, at: now) {
            case .changed(let next): run = next
            case .unchanged: break
            }
            try await dependencies.store.updateRun(run)
            try await loadPriorFetches()
            run.progress = RunProgress()
            if !resuming || (!hasFrontier && processedBefore == 0) {
                try await seed()
            } else {
                try installStaticGate()
            }
        } else {
            guard run.status == .running else { return end(.suspend) }
            try await loadPriorFetches()
            run.progress = RunProgress()
            try installStaticGate()
        }
        onProgress(run)
    }

    // MARK: Leasing

    /// Leases origins and claims their waiting URLs when this part runs low: fewer URLs in memory than a few rounds of
    /// fetches, room for more origins while fetch slots sit free, or origins to give back. What this part settled is
    /// written first, so a claim never returns a URL fetched here and an origin is given back only once its rows say
    /// it has nothing waiting.
    func shareIfDue(now: ContinuousClock.Instant) {
        renewIfDue(now: now)
        guard ending == nil, var part, !part.leasing, now >= part.nextLease else { return }
        let concurrency = config.speed.concurrency
        let maxOrigins = originBudget
        let idle = part.idleOrigins
        let wantsURLs = frontier.count < max(64, concurrency * 4)
        let wantsOrigins = part.leased.count - idle.count < maxOrigins && pagesInFlight < concurrency
        guard wantsURLs || wantsOrigins || !idle.isEmpty else { return }
        if recorder.hasWork || flushInFlight {
            flushIfDue(now: now, force: true)
            return
        }
        part.leasing = true
        // Until an answer says otherwise, wait a little before the next lease.
        part.nextLease = now + tuning.shareIdlePoll
        part.leased.subtract(idle)
        part.releasing = Set(idle)
        self.part = part
        // Counting the idle origins as given back; the store leases fewer by each of them it keeps.
        let newOrigins = max(0, maxOrigins - part.leased.count)
        // Count only: a lease claims at most `shareURLsPerOrigin` for each of `originBudget` origins, which bounds what
        // a part holds; a tighter byte-derived limit would cut some leased origins' URLs off and leave them looking idle.
        let room = max(0, config.maxQueueSize - frontier.count - reuseQueue.count)
        let (store, share, perOrigin, lease) = (part.store, part.share, tuning.shareURLsPerOrigin, tuning.shareLease.seconds)
        let events = events
        Task {
            let now = Date()
            do throws(StoreError) {
                events.yield(.leased(.success(try await store.leaseWork(share, release: idle, newOrigins: newOrigins,
                                                                        urlsPerOrigin: perOrigin, limit: room, now: now,
                                                                        until: now + lease))))
            } catch {
                events.yield(.leased(.failure(error)))
            }
        }
    }

    /// How many origins a part leases at most: as many as its concurrency keeps busy at once (the concurrency over the
    /// per-host limit), four times that when the job waits between requests to a host (an origin waiting out its delay
    /// leaves a slot for another). Leasing more would hoard origins other parts could crawl.
    var originBudget: Int {
        let speed = config.speed
        let busy = (speed.concurrency + max(1, speed.perHostConcurrency) - 1) / max(1, speed.perHostConcurrency)
        let waits = speed.delay > .zero || speed.delayFactor > 0
        return max(1, waits ? min(busy * 4, speed.concurrency * 4) : busy)
    }

    /// Takes in what a lease brought: origins given back and gained, and their URLs into memory.
    func leased(_ result: Result<SharedWork, StoreError>) {
        guard var part else { return }
        part.leasing = false
        switch result {
        case .failure(let error):
            // Nothing changed in the store: the origins offered back are still this part's. Tried again after a pause
            // (a broken deadlock, a dropped connection), as renewals are.
            part.leased.formUnion(part.releasing)
            part.releasing = []
            self.part = part
            logger.warning("could not lease work: \(error.message)")
        case .success(let work):
            for origin in work.released {
                part.work[origin] = nil
                part.origins[origin] = nil
                part.leasedAt[origin] = nil
            }
            for origin in work.leased { part.leasedAt[origin] = clock.now }
            // Offered back but kept (URLs arrived for them meanwhile): still this part's, their URLs claimed below.
            part.leased.formUnion(part.releasing.subtracting(work.released))
            part.releasing = []
            part.leased.formUnion(work.leased)
            logger.debug("""
                lease: +\(work.leased.count) origins, -\(work.released.count), \(work.urls.count) URLs; \
                holding \(part.leased.count) origins, \(part.held.count) URLs
                """)
            // Something came: look again as soon as this part runs low.
            if !work.urls.isEmpty || !work.leased.isEmpty { part.nextLease = clock.now }
            self.part = part
            let now = clock.now
            for record in work.urls { takeClaimed(record, now: now) }
        }
    }

    /// A claimed URL into memory, once: another part may have written its row before this one pushed it.
    private func takeClaimed(_ record: FrontierRecord, now: ContinuousClock.Instant) {
        guard let url = try? CrawlURL(record.url) else {
            // Rows are written from parsed URLs, so this is a damaged row: settled, so that the run can end.
            recorder.settled(FrontierSettlement(fingerprint: record.fingerprint, state: .excluded, reason: "invalid_url"),
                             now: now)
            return
        }
        guard part?.held.contains(url.fingerprint) == false else { return }
        seen.insert(url.fingerprint)
        let entry = FrontierEntry(url: url, depth: record.depth, parentURL: record.parentURL, redirectHops: record.redirectHops)
        if let prior = priorFetches[url.fingerprint], isFresh(prior, fingerprint: url.fingerprint) {
            reuseQueue.append(entry)
        } else {
            frontier.push(entry, now: now)
        }
        part?.hold(url)
    }

    // MARK: Renewing

    /// Renews this part's leases every beat; the answer also says whether the run still runs.
    func renewIfDue(now: ContinuousClock.Instant) {
        guard var part, !part.renewing, now >= part.nextRenewal else { return }
        part.renewing = true
        part.nextRenewal = now + tuning.shareBeat
        part.renewalSentAt = now
        self.part = part
        let (store, share, origins, lease) = (part.store, part.share, part.leased, tuning.shareLease.seconds)
        let events = events
        Task {
            do throws(StoreError) {
                events.yield(.renewed(.success(try await store.renew(share, holding: origins, until: Date() + lease))))
            } catch {
                events.yield(.renewed(.failure(error)))
            }
        }
    }

    func renewed(_ result: Result<ShareRenewal, StoreError>) {
        part?.renewing = false
        switch result {
        case .failure(let error):
            // The leases outlast many beats; the next one tries again.
            logger.warning("could not renew this part's leases: \(error.message)")
        case .success(let renewal):
            // An origin leased after the renewal was sent is not one it could have seen.
            let sentAt = part?.renewalSentAt ?? clock.now
            for origin in renewal.lost where (part?.leasedAt[origin]).map({ $0 <= sentAt }) ?? true { dropOrigin(origin) }
            if renewal.isEnded, ending == nil {
                logger.notice("run \(run.id) is crawled by one process again; this part stops")
                return end(.suspend)
            }
            // Paused, stopped or done elsewhere: this part leaves, the run as stored says how it stands.
            if renewal.status != .running, ending == nil {
                logger.info("run \(run.id) is \(renewal.status.rawValue); this part stops")
                end(.suspend)
            }
        }
    }

    /// Forgets an origin another part took over after this one missed its lease: its queued URLs are that part's now.
    private func dropOrigin(_ key: String) {
        guard var part, part.leased.remove(key) != nil else { return }
        logger.warning("another part took over \(key) after this one missed its lease")
        if let origin = part.origins[key] {
            // Its URLs waiting here (queued, to be retried or revisited) are that part's now; what is on the wire
            // finishes here.
            let isTheirs = { (entry: FrontierEntry) in entry.url.origin == origin }
            var dropped = frontier.remove(origin)
            dropped += retries.unordered.map(\.entry).filter(isTheirs)
            if dropped.count > 0 { retries = Heap(retries.unordered.filter { !isTheirs($0.entry) }) }
            dropped += reuseQueue.removeAll(where: isTheirs) + revisitsWaiting.map(\.entry).filter(isTheirs)
            revisitsWaiting.removeAll { isTheirs($0.entry) }
            for entry in dropped { part.held.remove(entry.url.fingerprint) }
        }
        part.work[key] = nil
        part.origins[key] = nil
        part.leasedAt[key] = nil
        self.part = part
    }

    // MARK: max_urls

    /// Whether `max_urls` leaves no room for another dispatch. A part may dispatch what it reserved; when that is used,
    /// it asks the store for more (answered by a `.reserved` event) and dispatches nothing meanwhile.
    func quotaReached() -> Bool {
        guard let limit = config.stopping.maxURLs else { return false }
        guard let part else { return committed >= limit }
        guard committed >= part.granted else { return false }
        // Only for URLs it holds: a part with none that reserved anyway would take quota from a part that has some, give
        // it back when it found itself idle, and take it again, forever.
        if frontier.count > 0 || !reuseQueue.isEmpty { reserveQuota(limit: limit) }
        return true
    }

    private func reserveQuota(limit: Int) {
        let now = clock.now
        guard var part, !part.reserving, ending == nil, now >= part.nextReservation else { return }
        part.reserving = true
        self.part = part
        // A block at a time: one locked row per block, not per URL.
        let count = min(max(config.speed.concurrency, 16), 256)
        let (store, share) = (part.store, part.share)
        let events = events
        Task {
            do throws(StoreError) {
                events.yield(.reserved(.success(try await store.reserve(share, count: count, of: limit, now: Date()))))
            } catch {
                events.yield(.reserved(.failure(error)))
            }
        }
    }

    func reserved(_ result: Result<Int, StoreError>) {
        guard var part else { return }
        part.reserving = false
        switch result {
        case .success(let granted):
            part.granted += granted
            logger.debug("reserved \(granted) of max_urls; \(part.granted) in all, \(committed) used")
            // None left for now: other parts hold the rest, and give back what they do not use when they go idle.
            if granted == 0 { part.nextReservation = clock.now + tuning.shareIdlePoll }
            self.part = part
        case .failure(let error):
            part.nextReservation = clock.now + tuning.shareIdlePoll
            self.part = part
            logger.warning("could not reserve URLs of max_urls: \(error.message)")
        }
    }

    // MARK: Ending

    /// With nothing to do here, or nothing this part may do (its URLs wait for `max_urls` another part holds, and
    /// nothing of its own is on the wire), asks the store whether the run is done (it ends it if so), now and then.
    func askWhetherDrained() {
        let now = clock.now
        guard var part, ending == nil, isIdle || waitsForQuota(part, now: now), !part.leasing, !part.reserving,
              !part.checkingDrained, now >= part.nextDrainCheck else { return }
        // This part's own rows count as waiting until they are written.
        if recorder.hasWork || flushInFlight {
            flushIfDue(now: now, force: true)
            return
        }
        part.checkingDrained = true
        part.nextDrainCheck = now + tuning.shareIdlePoll
        // What this part reserved and did not use goes back with the question (no reservation is under way, so the
        // store and this part agree on what is left): the part reserves again if it finds more work.
        part.granted = min(part.granted, committed)
        self.part = part
        let (store, share, keeping) = (part.store, part.share, part.granted)
        let events = events
        Task {
            do throws(StoreError) {
                events.yield(.drained(.success(try await store.finishIfDrained(share, keepingReserved: keeping, now: Date()))))
            } catch {
                events.yield(.drained(.failure(error)))
            }
        }
    }

    /// Whether this part has URLs but no `max_urls` left to send them (the store refused more), and nothing in flight.
    private func waitsForQuota(_ part: SharedPart, now: ContinuousClock.Instant) -> Bool {
        guard let limit = config.stopping.maxURLs else { return false }
        return committed >= min(part.granted, limit) && part.nextReservation > now && pagesInFlight == 0
            && parsesInFlight == 0 && revisitsInFlight == 0 && revisitsWaiting.isEmpty
    }

    func drained(_ result: Result<Run?, StoreError>) {
        part?.checkingDrained = false
        switch result {
        case .success(let stored?):
            if ending == nil {
                logger.info("run \(run.id) is \(stored.status.rawValue)\(stored.stopReason.map { " (\($0.rawValue))" } ?? "")")
                end(.suspend)
            }
        case .success(nil):
            break
        case .failure(let error):
            logger.warning("could not ask whether run \(run.id) is done: \(error.message)")
        }
    }

    /// Leaves the run: writes this part's last rows and counters and gives its origins back (their queued URLs wait
    /// again), then, when this part decided the run ends, ends it (unless another part ended it first). Returns the run
    /// as stored: what the run is, not what this part saw.
    func concludeShared(_ ending: Ending) async -> Run {
        guard let part else { return run }
        run.progress.queued = 0
        run.progress.inFlight = 0
        var statusChanged = false
        if case .pause = ending, part.share.isLead,
           case .changed(let paused)? = try? RunLifecycle.apply(.pause, to: run, at: Date()) {
            run = paused
            statusChanged = true
        }
        let failure = await commitFinal(takeBatch(final: true, statusChanged: statusChanged))
        if let failure { logger.error("could not write this part's last batch: \(failure)") }
        var stored: Run?
        // A part that failed on its own leaves the run to the others; the lead's failures end it, as in one process.
        if case .finish(let reason, let error) = ending, part.share.isLead || reason != .unknown {
            stored = try? await part.store.finish(part.share, reason: reason, error: failure.map {
                RunError(code: RunError.storeFailed, message: "the run's final state could not be stored: \($0.message)")
            } ?? error, now: Date())
        }
        if stored == nil { stored = try? await dependencies.store.run(run.id) }
        let final = stored ?? run
        onProgress(final)
        logger.info("part \(part.share.id) of run \(run.id) ended; the run is \(final.status.rawValue)")
        return final
    }
}
