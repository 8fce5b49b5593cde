/// What a part of a shared run got from one lease: origins newly its own, waiting URLs of its origins, and the origins
/// it gave back.
public struct SharedWork: Sendable, Equatable {
    /// Origins leased by this call (their URLs another part held are waiting again).
    public var leased: [String]
    /// Origins given back: asked to be released, and with no URL waiting.
    public var released: [String]
    /// Waiting URLs of the part's origins, now queued for it, in discovery order.
    public var urls: [FrontierRecord]

    /// Work with every field given.
    public init(leased: [String] = [], released: [String] = [], urls: [FrontierRecord] = []) {
        self.leased = leased
        self.released = released
        self.urls = urls
    }
}

/// What a part of a shared run hears at each renewal of its leases.
public struct ShareRenewal: Sendable, Equatable {
    /// The run's status now: a part stops crawling once it is not `running` (paused, stopped or finished elsewhere).
    public var status: RunStatus
    /// Origins the part held that another part took over (its lease ran out).
    public var lost: Set<String>
    /// The part was ended by someone else (the run is crawled by one process again): it stops at once.
    public var isEnded: Bool

    /// A renewal with every field given.
    public init(status: RunStatus, lost: Set<String> = [], isEnded: Bool = false) {
        self.status = status
        self.lost = lost
        self.isEnded = isEnded
    }
}

/// A part's share of a batch: its counters, and the origins it gives back once the batch's rows are written.
public struct ShareWrite: Sendable, Equatable {
    public var share: CrawlShare
    /// The part's own counters (the run's are the sum of its parts').
    public var progress: RunProgress
    /// Gives back every origin the part holds, their queued URLs waiting again (the part is stopping).
    public var releaseAll: Bool
    /// The part is over: what it reserved of `max_urls` and did not use goes back.
    public var ended: Bool

    /// A write with every field given.
    public init(share: CrawlShare, progress: RunProgress, releaseAll: Bool = false, ended: Bool = false) {
        self.share = share
        self.progress = progress
        self.releaseAll = releaseAll
        self.ended = ended
    }
}
