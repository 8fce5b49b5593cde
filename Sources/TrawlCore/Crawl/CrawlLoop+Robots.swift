extension CrawlLoop {
    /// Starts fetching `origin`'s robots.txt; the result comes back as a `.robots` event.
    func fetchRobots(_ origin: Origin, attempt: Int) {
        robotsAttempts[origin] = attempt
        let loader = RobotsLoader(fetcher: dependencies.fetcher, options: config.fetcher, maxBytes: tuning.robotsMaxBytes,
                                  maxRedirects: tuning.robotsMaxRedirects, addressPolicy: tuning.addressPolicy)
        let events = events
        Task { events.yield(.robots(origin, await loader.load(origin))) }
    }

    /// Installs rules, or schedules another attempt, or gives the origin up after the last attempt.
    func handleRobots(_ origin: Origin, _ outcome: RobotsOutcome) {
        let now = clock.now
        switch outcome {
        case .rules(let rules):
            robotsAttempts[origin] = nil
            let dropped = frontier.robotsResolved(origin, rules: rules.withoutSitemaps, now: now)
            if dropped > 0 {
                logger.debug("robots.txt rules of \(dropped) origins dropped to stay within their memory budget")
            }
        case .blocked(let why):
            logger.warning("\(origin): \(why); its URLs are excluded")
            robotsAttempts[origin] = nil
            for entry in frontier.robotsUnavailable(origin) { exclude(entry, reason: .blockedAddress) }
        case .unavailable(let why):
            let attempts = robotsAttempts[origin] ?? 1
            if attempts < tuning.robotsMaxAttempts {
                logger.info("\(origin): \(why); retrying")
                frontier.robotsRetry(origin, at: now + tuning.robotsRetryDelay * (1 << (attempts - 1)), now: now)
            } else {
                logger.warning("\(origin): \(why); giving up, its URLs are excluded")
                robotsAttempts[origin] = nil
                for entry in frontier.robotsUnavailable(origin) { exclude(entry, reason: .robotsUnavailable) }
            }
        }
    }
}
