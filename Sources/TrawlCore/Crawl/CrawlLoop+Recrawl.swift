import Foundation

/// Re-crawls: what the job's previous run fetched makes this run's requests conditional, and its stored payloads
/// stand in for bodies that did not change.
extension CrawlLoop {
    /// Reads the previous run's fetches, keyed by URL fingerprint; nothing for a first run or a `full` re-crawl.
    func loadPriorFetches() async throws {
        guard config.recrawl.usesPreviousRun else { return }
        let fetches = try await dependencies.store.priorFetches(for: run.id)
        var byFingerprint: [UInt64: PriorFetch] = [:]
        byFingerprint.reserveCapacity(fetches.count)
        for fetch in fetches {
            guard let url = try? CrawlURL(fetch.url) else { continue }
            byFingerprint[url.fingerprint] = fetch
        }
        priorFetches = byFingerprint
        if !fetches.isEmpty { logger.info("re-crawl: \(fetches.count) URLs have a payload from the job's previous run") }
    }

    /// Whether the earlier copy of `url` counts as current without asking the site: confirmed within `min_age`, or
    /// confirmed after the sitemap says the page last changed.
    func isFresh(_ prior: PriorFetch, fingerprint: UInt64) -> Bool {
        let policy = config.recrawl
        if policy.minAge > .zero, Date().timeIntervalSince(prior.verifiedAt) < policy.minAge.seconds { return true }
        if policy.useSitemapLastmod, let lastModified = sitemapLastModified[fingerprint], lastModified < prior.verifiedAt {
            return true
        }
        return false
    }

    /// The validators the previous run got for `fingerprint`, as conditional request headers.
    func conditionalHeaders(_ fingerprint: UInt64) -> [(name: String, value: String)] {
        guard config.recrawl.useValidators, let prior = priorFetches[fingerprint] else { return [] }
        var headers: [(name: String, value: String)] = []
        if let etag = prior.etag { headers.append((name: "If-None-Match", value: etag)) }
        if let lastModified = prior.lastModified { headers.append((name: "If-Modified-Since", value: lastModified)) }
        return headers
    }

    /// A revisit waiting for room to read its payload.
    struct PendingRevisit {
        var kind: Revisit.Kind
        var entry: FrontierEntry
        var response: FetchResponse?
        var prior: PriorFetch
    }

    /// Starts reusing queued fresh URLs' payloads, as many at once as the crawl's concurrency.
    func dispatchReuse() -> Int {
        var started = 0
        while ending == nil, revisitsInFlight + revisitsWaiting.count < config.speed.concurrency,
              let entry = reuseQueue.popFirst() {
            if quotaReached() {
                reuseQueue.prepend(entry)
                break
            }
            guard let prior = priorFetches[entry.url.fingerprint] else {
                frontier.push(entry, now: clock.now)  // its payload went missing: fetch it instead
                continue
            }
            started += 1
            revisit(.fresh, entry: entry, response: nil, prior: prior)
        }
        return started
    }

    /// Reads `prior`'s payload and processes the page from it, off the loop, once the payloads being read leave
    /// room for it (`maxRevisitBytes`; one at a time at least). A payload the store no longer has (its run was
    /// deleted meanwhile) sends the URL to be fetched again in full.
    func revisit(_ kind: Revisit.Kind, entry: FrontierEntry, response: FetchResponse?, prior: PriorFetch) {
        revisitsWaiting.append(PendingRevisit(kind: kind, entry: entry, response: response, prior: prior))
        startRevisits()
    }

    /// Starts the waiting revisits that fit in the payload budget.
    func startRevisits() {
        guard let processor else { return }
        while ending == nil, let next = revisitsWaiting.first,
              revisitsInFlight == 0 || revisitBytes + next.prior.payloadLength <= tuning.maxRevisitBytes {
            revisitsWaiting.removeFirst()
            revisitsInFlight += 1
            revisitBytes += next.prior.payloadLength
            let store = dependencies.store
            let events = events
            Task {
                let (kind, entry, response, prior) = (next.kind, next.entry, next.response, next.prior)
                let payload: StoredPayload?
                do throws(StoreError) {
                    payload = try await store.payloads([prior.payloadSequence])[prior.payloadSequence]
                } catch {
                    payload = nil
                }
                guard let payload else {
                    events.yield(.payloadMissing(entry, bytes: prior.payloadLength))
                    return
                }
                let page = await ComputeThreads.shared.run {
                    processor.processRevisit(kind, response: response, prior: prior, payload: payload, entry: entry)
                }
                events.yield(.revisited(page, bytes: prior.payloadLength))
                return
            }
        }
    }

    /// A revisit is done with its payload: make its room available to the next.
    func finishedRevisit(bytes: Int) {
        revisitsInFlight -= 1
        revisitBytes -= bytes
        startRevisits()
    }

    /// A revisit's payload could not be read: forget the earlier copy and fetch the URL like a new one.
    func payloadMissing(_ entry: FrontierEntry) {
        logger.notice("the stored payload of \(entry.url) is gone; fetching it in full")
        priorFetches[entry.url.fingerprint] = nil
        frontier.push(entry, atFront: true, now: clock.now)
    }
}
