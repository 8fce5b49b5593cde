import Foundation
import Logging

/// Runs one crawl: the handle callers keep to start it, watch it, and stop or pause it.
///
/// All crawl state lives in a `CrawlLoop` confined to the task running `run()`; everything else reaches it as
/// events on one stream (fetch results, parse results, store acknowledgements, ticks, control), so the hot
/// path needs no locks and no actor hops.
public final class CrawlEngine: Sendable {
    private let events: AsyncStream<CrawlEvent>
    private let continuation: AsyncStream<CrawlEvent>.Continuation
    private let initialRun: Run
    private let dependencies: CrawlDependencies
    private let tuning: EngineTuning
    private let share: CrawlShare?

    /// An engine for `run` (pending to start it; running or paused to resume it from the store). With `share` (and a
    /// store that can share runs, `dependencies.sharedStore`), the engine crawls its part of a run that other processes
    /// crawl too: the lead's part starts or resumes the run, another part joins it while it runs.
    public init(run: Run, dependencies: CrawlDependencies, tuning: EngineTuning = EngineTuning(), share: CrawlShare? = nil) {
        (events, continuation) = AsyncStream.makeStream(of: CrawlEvent.self)
        initialRun = run
        self.dependencies = dependencies
        self.tuning = tuning
        self.share = dependencies.sharedStore == nil ? nil : share
    }

    /// Whether the engine crawls a part of a shared run.
    public var isShared: Bool { share != nil }

    /// Crawls until a stop criterion holds or `stop`/`pause` is called; returns the run as last stored.
    /// `onProgress` is called with the run's state at every write and tick (keep it cheap).
    public func run(onProgress: @escaping @Sendable (Run) -> Void = { _ in }) async -> Run {
        let loop = CrawlLoop(run: initialRun, dependencies: dependencies, tuning: tuning, share: share,
                             events: continuation, onProgress: onProgress)
        let ticker = Task { [continuation, tuning] in
            while !Task.isCancelled {
                try? await Task.sleep(for: tuning.tick)
                continuation.yield(.tick)
            }
        }
        defer { ticker.cancel() }
        return await loop.run(events)
    }

    /// Stops the run with `manual`; pages fetched so far are kept.
    public func stop() { continuation.yield(.stop(.manual)) }

    /// Pauses the run: the frontier is persisted and the run can be resumed later.
    public func pause() { continuation.yield(.pause) }

    /// Stops crawling for a process shutdown: everything is written but the run stays `running`, so the next
    /// process resumes it exactly as it would after a crash, only without losing in-flight work.
    public func suspend() { continuation.yield(.suspend) }
}

/// Everything that can wake the crawl loop.
enum CrawlEvent: Sendable {
    case fetched(FrontierEntry, Result<FetchResponse, FetchFailure>)
    case robots(Origin, RobotsOutcome)
    case processed(ProcessedPage)
    /// A page processed from the previous run's payload (a 304, or no request at all).
    case revisited(ProcessedPage, bytes: Int)
    /// That payload could not be read.
    case payloadMissing(FrontierEntry, bytes: Int)
    case flushed(StoreError?)
    case claimed(Result<[FrontierRecord], StoreError>)
    /// Shared runs: origins and URLs leased, leases renewed, `max_urls` reserved, the run found done (or not).
    case leased(Result<SharedWork, StoreError>)
    case renewed(Result<ShareRenewal, StoreError>)
    case reserved(Result<Int, StoreError>)
    case drained(Result<Run?, StoreError>)
    case tick
    /// A waiting origin or retry is due before the next tick.
    case wake
    case stop(StopReason)
    case pause
    case suspend
}

/// What fetching an origin's robots.txt came to.
enum RobotsOutcome: Sendable {
    case rules(RobotsRules)
    /// 5xx, 429 or unreachable: everything disallowed for now, try again.
    case unavailable(String)
    /// The origin's address is forbidden by the address policy: no point trying again.
    case blocked(String)
}
