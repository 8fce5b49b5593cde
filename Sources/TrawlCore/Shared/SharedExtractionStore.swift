import Foundation

/// What extracting one run's pages from many processes needs from the store (PostgreSQL; on SQLite the run's pipeline
/// extracts alone).
///
/// Helpers claim ranges of a run's pages beyond its pipeline's cursor (one holder per range, with an expiry), extract
/// and chunk them, and leave the results for the pipeline, which stays the only writer of documents and of the run's
/// progress: it takes a page's extraction when one is there under its recipe and makes it itself otherwise, so it never
/// waits for a helper, and a helper that dies costs only the work it had not handed in.
public protocol SharedExtractionStore: Sendable {
    /// Runs other than `excluded`, not yet fully indexed, with pages beyond their pipeline's cursor that no live claim
    /// covers at `now`, oldest first, at most `limit`: what a helper may extract.
    func runsWithPagesToExtract(now: Date, excluding excluded: Set<RunID>, limit: Int) async throws(StoreError) -> [Run]
    /// Claims for `holder` until `until` the next `pages` pages of the run beyond its pipeline's cursor that no live
    /// claim covers (a range whose holder's claim expired is claimed again first); nil when there is none.
    func claimPages(of runID: RunID, holder: UUID, pages: Int, now: Date, until: Date) async throws(StoreError) -> ClaimedPages?
    /// Stores the extractions of a claimed range made under `recipe` (by page sequence), if `holder` still holds it;
    /// returns whether they were kept.
    @discardableResult
    func saveExtractions(_ extractions: [Int64: PageExtraction.Outcome], recipe: String, of range: ClaimedPages,
                         holder: UUID) async throws(StoreError) -> Bool
    /// The stored extractions of the run's `pages` made under `recipe`.
    func extractions(of runID: RunID, pages: [Int64], recipe: String) async throws(StoreError) -> [Int64: PageExtraction.Outcome]
    /// Forgets the run's extractions and claims up to page `sequence` (the pipeline has taken them in).
    func dropExtractions(of runID: RunID, through sequence: Int64) async throws(StoreError)
}

/// A range of a run's pages a helper holds: sequences after `after`, up to and including `through`.
public struct ClaimedPages: Sendable, Equatable {
    public var runID: RunID
    public var after: Int64
    public var through: Int64

    /// A range of `runID`'s pages.
    public init(runID: RunID, after: Int64, through: Int64) {
        self.runID = runID
        self.after = after
        self.through = through
    }
}
