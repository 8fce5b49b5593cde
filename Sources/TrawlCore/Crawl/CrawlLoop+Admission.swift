import Foundation

extension CrawlLoop {
    /// Decides the fate of a newly seen URL and records it: queued (in memory or spilled to disk), excluded,
    /// or beyond `max_depth`. A URL seen before is ignored: two spellings of one URL are fetched once.
    func admit(_ url: CrawlURL, exclusion: Exclusion?, depth: Int, parent: String?, redirectHops: Int,
               now: ContinuousClock.Instant, atFront: Bool = false) {
        let fingerprint = url.fingerprint
        guard seen.insert(fingerprint).inserted else { return }
        run.progress.discovered += 1
        func write(_ state: FrontierRecord.State, _ reason: String? = nil) {
            recorder.discovered(FrontierRecord(fingerprint: fingerprint, url: url.string, depth: depth, parentURL: parent,
                                               state: state, reason: reason, redirectHops: redirectHops), now: now)
            let excluded = state == .excluded || state == .beyondDepth
            recorder.log(CrawlLogEntry(step: .schedule, status: excluded ? .excluded : .ok, url: url.string, host: url.host,
                                       depth: depth, reason: state == .beyondDepth ? "max_depth" : reason, at: Date()),
                         now: now)
        }
        if let exclusion {
            run.progress.excluded += 1
            return write(.excluded, exclusion.rawValue)
        }
        if frontier.isUnavailable(url.origin) {
            run.progress.excluded += 1
            return write(.excluded, Exclusion.robotsUnavailable.rawValue)
        }
        if let maxDepth = config.stopping.maxDepth, depth > maxDepth {
            sawBeyondDepth = true
            return write(.beyondDepth)
        }
        if let budget = gate?.maxPerHost {
            let used = hostCounts[url.host, default: 0]
            guard used < budget else {
                run.progress.excluded += 1
                return write(.excluded, Exclusion.budget.rawValue)
            }
            hostCounts[url.host] = used + 1
        }
        if part != nil {
            // In a shared run every new URL waits on disk, whoever leases its origin: the database, not this part's
            // `seen` set, knows whether another part (or this one before a restart) found and fetched it already, and a
            // row moves from waiting to queued exactly once, when the origin's lessee claims it.
            return write(.spilled)
        }
        if reuseQueue.count < config.maxQueueSize, reuseQueue.footprint < tuning.maxQueueBytes,
           let prior = priorFetches[fingerprint], isFresh(prior, fingerprint: fingerprint) {
            // Not requested: the stored payload stands in for the page (its links still come from it). Past the
            // queue's size or bytes (as the frontier's) such URLs take the frontier's way (memory, then disk) and are
            // asked about conditionally.
            reuseQueue.append(FrontierEntry(url: url, depth: depth, parentURL: parent, redirectHops: redirectHops))
            return write(.queued)
        }
        if (frontier.count >= config.maxQueueSize || frontier.footprint >= tuning.maxQueueBytes) && !atFront {
            spilled += 1
            return write(.spilled)
        }
        frontier.push(FrontierEntry(url: url, depth: depth, parentURL: parent, redirectHops: redirectHops),
                      atFront: atFront, now: now)
        write(.queued)
    }

    /// Settles a queued URL as excluded (robots.txt said no, or its origin was given up on).
    func exclude(_ entry: FrontierEntry, reason: Exclusion) {
        let now = clock.now
        run.progress.excluded += 1
        part?.settle(entry.url)
        if reason == .blockedAddress { blockedAddressExclusions += 1 }
        recorder.settled(FrontierSettlement(fingerprint: entry.url.fingerprint, state: .excluded, reason: reason.rawValue),
                         now: now)
        recorder.log(CrawlLogEntry(step: .fetch, status: .excluded, url: entry.url.string, host: entry.url.host,
                                   depth: entry.depth, reason: reason.rawValue, at: Date()), now: now)
    }

    /// Asks the store for spilled URLs once the in-memory frontier has room. The batch that spilled them
    /// must be written first, so a claim waits until no write is pending.
    func refillFromDisk() {
        guard spilled > 0, !claimInFlight, ending == nil, frontier.count < config.maxQueueSize / 2,
              frontier.footprint < tuning.maxQueueBytes / 2 else { return }
        if recorder.hasWork || flushInFlight {
            flushIfDue(now: clock.now, force: true)
            return
        }
        claimInFlight = true
        let limit = max(1, frontierRoom)
        let store = dependencies.store
        let runID = run.id
        let events = events
        Task {
            do throws(StoreError) {
                events.yield(.claimed(.success(try await store.claimSpilled(runID, limit: limit))))
            } catch {
                events.yield(.claimed(.failure(error)))
            }
        }
    }

    /// How many more URLs the in-memory frontier may take from disk within both its limits (`max_queue_size` and
    /// `EngineTuning.maxQueueBytes`), counting each at the largest a URL can be.
    var frontierRoom: Int {
        max(0, min(config.maxQueueSize - frontier.count,
                   (tuning.maxQueueBytes - frontier.footprint) / FrontierEntry.maximumFootprint))
    }

    /// Puts claimed spilled URLs back into the in-memory frontier.
    func restore(_ records: [FrontierRecord]) {
        let now = clock.now
        spilled = max(0, spilled - records.count)
        if records.isEmpty { spilled = 0 }
        for record in records {
            guard let url = try? CrawlURL(record.url) else { continue }
            frontier.push(FrontierEntry(url: url, depth: record.depth, parentURL: record.parentURL,
                                        redirectHops: record.redirectHops), now: now)
        }
    }
}
