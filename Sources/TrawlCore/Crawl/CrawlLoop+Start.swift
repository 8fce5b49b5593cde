import Foundation

extension CrawlLoop {
    /// Starts a pending run from its seeds, or resumes a running/paused one from its persisted frontier.
    func start() async throws {
        if part != nil { return try await startShared() }
        let now = Date()
        let resuming = run.status != .pending
        switch try RunLifecycle.apply(run.status == .paused ? .resume : .start, to: run, at: now) {
        case .changed(let next): run = next
        case .unchanged: break
        }
        try await dependencies.store.updateRun(run)
        try await loadPriorFetches()
        if resuming {
            try await resume()
        } else {
            try await seed()
        }
        onProgress(run)
    }

    /// Resolves the seed components, then admits every seed at depth 0.
    func seed() async throws {
        let resolver = SeedResolver(fetcher: dependencies.fetcher, sitemapParser: dependencies.sitemapParser,
                                    fetcherOptions: config.fetcher, robotsMaxBytes: tuning.robotsMaxBytes,
                                    addressPolicy: tuning.addressPolicy)
        let resolution = await resolver.resolve(config.seeds)
        for problem in resolution.problems { logger.warning("seed: \(problem)") }
        let gate = try URLGate(config: config, seeds: resolution.urls)
        self.gate = gate
        processor = PageProcessor(parser: dependencies.htmlParser, gate: gate, productToken: config.fetcher.productToken,
                                  linkBudget: tuning.linkBudget)
        let now = clock.now
        for url in resolution.urls {
            let lastModified = resolution.lastModified[url.fingerprint]
            let url = gate.sanitized(url)
            if let lastModified { sitemapLastModified[url.fingerprint] = lastModified }
            admit(url, exclusion: gate.exclusion(for: url), depth: 0, parent: nil, redirectHops: 0, now: now)
        }
        // A shared run's seeds all wait on disk for the parts to lease their origins: the store says when it is empty.
        if part == nil && frontier.count == 0 && spilled == 0 && reuseQueue.isEmpty {
            end(.finish(.emptySeed, nil))
            return
        }
        // The seeds are written before anything is fetched: a crash from here on resumes from them. (Before
        // here, the store holds no frontier row for the run, which is how `resume` knows to seed again.)
        try await dependencies.store.commit(takeBatch())
    }

    /// Rebuilds the seen-set and frontier from the store; counters come back with the run row.
    private func resume() async throws {
        // The frontier is empty here: what fits both its limits comes back, the rest waits on disk as spilled.
        let snapshot = try await dependencies.store.loadFrontier(run.id, limit: max(1, frontierRoom))
        // A run that crashed while its seeds were being resolved (sitemaps can take a while) has no frontier at
        // all: it never got to write one. Seeding it now is what it would have done.
        if snapshot.fingerprints.isEmpty && snapshot.spilledCount == 0 && run.progress.processed == 0 {
            logger.notice("run \(run.id) has no stored frontier (stopped while seeding); resolving its seeds again")
            return try await seed()
        }
        try installStaticGate()
        seen = Set(snapshot.fingerprints)
        spilled = snapshot.spilledCount
        let now = clock.now
        for record in snapshot.pending {
            guard let url = try? CrawlURL(record.url) else { continue }
            frontier.push(FrontierEntry(url: url, depth: record.depth, parentURL: record.parentURL,
                                        redirectHops: record.redirectHops), now: now)
        }
        sawBeyondDepth = snapshot.sawBeyondDepth
        logger.info("resuming with \(snapshot.pending.count) queued and \(snapshot.spilledCount) spilled URLs")
    }

    /// The gate and page processor of a resumed run. The gate's scope is measured from the seeds: the static ones are
    /// known without fetching anything.
    func installStaticGate() throws {
        let seeds = config.seeds.flatMap { source -> [CrawlURL] in
            switch source {
            case .staticList(let urls), .sitemap(let urls, _): urls.compactMap { try? CrawlURL($0) }
            }
        }
        let gate = try URLGate(config: config, seeds: seeds)
        self.gate = gate
        processor = PageProcessor(parser: dependencies.htmlParser, gate: gate, productToken: config.fetcher.productToken,
                                  linkBudget: tuning.linkBudget)
    }
}
