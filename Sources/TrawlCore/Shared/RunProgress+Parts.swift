extension RunProgress {
    /// The counters of a shared run from its parts': counts add up, the depth reached and the empty-evaluation streak
    /// are the largest, and the gauges (`queued`, `in_flight`) come from the live parts only (a dead part's last word
    /// on what it had in flight is stale). The store then corrects `discovered` and `excluded` for URLs two parts both
    /// found, which it alone can tell.
    public static func combining(_ parts: [(progress: RunProgress, isLive: Bool)]) -> RunProgress {
        var total = RunProgress()
        for (part, isLive) in parts {
            total.discovered += part.discovered
            total.fetched += part.fetched
            total.failed += part.failed
            total.excluded += part.excluded
            total.processed += part.processed
            total.unchanged += part.unchanged
            total.reused += part.reused
            total.bytesDownloaded += part.bytesDownloaded
            total.evaluations += part.evaluations
            total.depthReached = max(total.depthReached, part.depthReached)
            total.emptyEvaluations = max(total.emptyEvaluations, part.emptyEvaluations)
            for (status, count) in part.httpStatus { total.httpStatus[status, default: 0] += count }
            if isLive {
                total.queued += part.queued
                total.inFlight += part.inFlight
            }
        }
        return total
    }
}
