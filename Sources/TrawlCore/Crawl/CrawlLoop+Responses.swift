import Foundation

extension CrawlLoop {
    /// A page fetch came back: free its politeness slot, then retry, fail it, or send it to a parse worker.
    func handleFetch(_ entry: FrontierEntry, _ result: Result<FetchResponse, FetchFailure>) {
        let now = clock.now
        switch result {
        case .failure(let failure):
            frontier.completed(entry.url.origin, duration: nil, now: now)
            if failure.isRetryable, entry.attempts < config.fetcher.maxRetries {
                scheduleRetry(entry, after: backoff(entry.attempts), now: now)
            } else {
                run.progress.failed += 1
                run.progress.processed += 1
                part?.settle(entry.url)
                recorder.settled(FrontierSettlement(fingerprint: entry.url.fingerprint, state: .failed,
                                                    reason: failure.kind.rawValue), now: now)
                recorder.log(CrawlLogEntry(step: .fetch, status: .error, url: entry.url.string, host: entry.url.host,
                                           depth: entry.depth, reason: failure.kind.rawValue, at: Date()), now: now)
                dependencies.metrics.fetchFailed(failure.kind)
                logger.debug("failed \(entry.url): \(failure)")
            }
        case .success(let response):
            frontier.completed(entry.url.origin, duration: response.duration, now: now)
            run.progress.bytesDownloaded += response.wireBytes
            if Self.isRetryableStatus(response.status), entry.attempts < config.fetcher.maxRetries {
                let wait = max(backoff(entry.attempts), retryAfter(response) ?? .zero)
                frontier.backOff(entry.url.origin, until: now + wait, now: now)
                scheduleRetry(entry, after: wait, now: now)
                return
            }
            if response.status == 304, let prior = priorFetches[entry.url.fingerprint] {
                recorder.log(CrawlLogEntry(step: .fetch, status: .ok, url: entry.url.string, host: entry.url.host,
                                           depth: entry.depth, httpStatus: 304,
                                           latencyMilliseconds: Int(response.duration.seconds * 1000),
                                           reason: Revisit.Kind.notModified.rawValue, at: Date()), now: now)
                revisit(.notModified, entry: entry, response: response, prior: prior)
                return
            }
            let failed = response.status >= 400
            recorder.log(CrawlLogEntry(step: .fetch, status: failed ? .error : .ok, url: entry.url.string,
                                       host: entry.url.host, depth: entry.depth, httpStatus: response.status,
                                       latencyMilliseconds: Int(response.duration.seconds * 1000),
                                       reason: failed ? "http_status" : response.truncated ? "too_large" : nil, at: Date()),
                         now: now)
            guard let processor else { return }
            parsesInFlight += 1
            let events = events
            let prior = priorFetches[entry.url.fingerprint]
            let detectIdentical = config.recrawl.detectIdenticalPayload
            // Off the cooperative pool: a page built to be slow to parse must not hold a thread the server needs.
            Task {
                events.yield(.processed(await ComputeThreads.shared.run {
                    processor.process(response, entry: entry, prior: prior, detectIdenticalPayload: detectIdentical)
                }))
            }
        }
    }

    /// A processed page: count it, store it, and admit its links and redirect target.
    func record(_ page: ProcessedPage) {
        let now = clock.now
        let entry = page.entry
        let status = page.record.status
        run.progress.processed += 1
        run.progress.depthReached = max(run.progress.depthReached, entry.depth)
        part?.settle(entry.url)
        switch page.record.revisit?.kind {
        case .fresh?:
            // Nothing crossed the wire: the page is reused, not fetched.
            run.progress.reused += 1
            recorder.log(CrawlLogEntry(step: .fetch, status: .ok, url: entry.url.string, host: entry.url.host,
                                       depth: entry.depth, reason: Revisit.Kind.fresh.rawValue, at: Date()), now: now)
        case .notModified?, .identicalPayload?:
            run.progress.unchanged += 1
            fallthrough
        case nil:
            run.progress.fetched += 1
            run.progress.httpStatus[String(status), default: 0] += 1
            dependencies.metrics.pageFetched(status: status)
        }
        recorder.page(page.record, now: now)
        if let parseDuration = page.parseDuration {
            // A page over its parse budget is kept (with what the parse found) and settled like any other, so a
            // restart does not fetch and parse it again.
            // Links left out by the link budget leave the parse `ok` (the page is whole) but say why some are missing.
            let reason = page.parseExceeded != nil ? ParseBudget.reason : page.linksCut
            recorder.log(CrawlLogEntry(step: .parse, status: page.parseExceeded == nil ? .ok : .error,
                                       url: entry.url.string, host: entry.url.host, depth: entry.depth,
                                       latencyMilliseconds: Int(parseDuration.seconds * 1000),
                                       reason: reason, at: Date()), now: now)
            if let cut = page.linksCut {
                logger.info("\(entry.url) went over its link budget (\(cut)); kept the first \(page.record.outlinks.count)")
            }
            if let limit = page.parseExceeded {
                dependencies.metrics.parseBudgetExceeded(limit)
                logger.info("\(entry.url) went over its parse budget (\(limit.rawValue)); kept what was parsed")
            }
        }
        // The reason marks pages that arrived but are not what was asked for: an error status, a cut body, or a
        // parse stopped by its budget.
        let reason = status >= 400 ? "http_status" : page.record.truncated ? "too_large"
            : page.parseExceeded != nil ? ParseBudget.reason : nil
        recorder.settled(FrontierSettlement(fingerprint: entry.url.fingerprint, state: .fetched, reason: reason,
                                            httpStatus: status), now: now)
        // Links are admitted even while the run winds down: a paused run must find them when it resumes.
        for link in page.links {
            admit(link.url, exclusion: link.exclusion, depth: entry.depth + 1, parent: entry.url.string,
                  redirectHops: 0, now: now)
        }
        if let redirect = page.redirect {
            let tooMany = entry.redirectHops + 1 > config.fetcher.maxRedirects
            admit(redirect.url, exclusion: tooMany ? .tooManyRedirects : redirect.exclusion, depth: entry.depth,
                  parent: entry.url.string, redirectHops: entry.redirectHops + 1, now: now, atFront: true)
        }
    }

    private func scheduleRetry(_ entry: FrontierEntry, after wait: Duration, now: ContinuousClock.Instant) {
        var next = entry
        next.attempts += 1
        retrySequence += 1
        retries.insert(Retry(at: now + wait, sequence: retrySequence, entry: next))
    }

    /// Exponential backoff: base, 2×base, 4×base …
    private func backoff(_ attempts: Int) -> Duration {
        tuning.retryBaseDelay * (1 << min(attempts, 10))
    }

    /// `Retry-After` as RFC 9110 has it, `delay-seconds` (digits) or an HTTP date, capped. Not `Double(value)`, which
    /// reads `inf`, `1e300` and `0x1p9`.
    private func retryAfter(_ response: FetchResponse) -> Duration? {
        guard let value = response.headers["Retry-After"]?.trimmingHTTPWhitespace(), !value.isEmpty else { return nil }
        let seconds: Double
        if value.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
            // Digits only; past what a Double holds exactly, still a very long wait.
            seconds = Double(value) ?? .greatestFiniteMagnitude
        } else if let date = HTTPDate.parse(value) {
            seconds = date.timeIntervalSinceNow
        } else {
            return nil
        }
        return .seconds(seconds, atMost: tuning.maxRetryAfter)
    }

    static func isRetryableStatus(_ status: Int) -> Bool {
        status == 429 || status == 500 || status == 502 || status == 503 || status == 504
    }
}
