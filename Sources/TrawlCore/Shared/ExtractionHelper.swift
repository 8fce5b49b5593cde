import Foundation
import Logging

/// Extracts and chunks pages of runs whose pipelines run elsewhere, ahead of them, so that the costly half of a
/// document's making (libxml2's tree, boilerplate scoring, Markdown, chunking: ~4 CPU-seconds per 1,000 pages) spreads
/// over the workers while each run's pipeline stays the one writer of its documents and progress.
///
/// Each step claims the next range of one run's pages beyond its pipeline's cursor, extracts the pages that would
/// become documents, and hands the results in. Revisits are left to the pipeline, which mostly carries them forward.
public actor ExtractionHelper {
    private let store: any SharedExtractionStore
    private let pages: any PageStore
    private let extractor: any ContentExtracting
    private let tokens: any TokenCounting
    private let contentHash: @Sendable (String) -> String
    private let tuning: PipelineTuning
    private let logger: Logger
    /// Whose claims this helper's are.
    public nonisolated let holder = UUID()
    /// Runs that had nothing to claim here (far enough ahead already, or no pipeline), left alone until then, so that
    /// they do not fill the page of runs the store answers with.
    private var resting: [RunID: ContinuousClock.Instant] = [:]
    /// How long such a run is left alone.
    private let restWhenIdle: Duration = .seconds(5)

    /// A helper claiming through `store`, reading pages from `pages` and extracting as a run's pipeline would.
    public init(store: any SharedExtractionStore, pages: any PageStore, extractor: any ContentExtracting,
                tokens: any TokenCounting, contentHash: @escaping @Sendable (String) -> String, tuning: PipelineTuning,
                logger: Logger) {
        self.store = store
        self.pages = pages
        self.extractor = extractor
        self.tokens = tokens
        self.contentHash = contentHash
        self.tuning = tuning
        self.logger = logger
    }

    /// Extracts one range of one run's pages, other than the `skipping` runs' (those whose pipeline runs in this
    /// process). Returns how many pages the range held: 0 when there was nothing to do or the step failed.
    public func step(skipping: Set<RunID> = []) async -> Int {
        let instant = ContinuousClock.now
        resting = resting.filter { $0.value > instant }
        do {
            let runs = try await store.runsWithPagesToExtract(now: Date(), excluding: skipping.union(resting.keys), limit: 16)
            for run in runs {
                let now = Date()
                guard run.config.pipeline.enabled,
                      let range = try await store.claimPages(of: run.id, holder: holder, pages: tuning.pagesPerBatch,
                                                             now: now, until: now.addingTimeInterval(tuning.embedClaimLease.seconds))
                else {
                    resting[run.id] = instant + restWhenIdle
                    continue
                }
                return try await extract(range, options: run.config.pipeline)
            }
        } catch {
            logger.warning("extraction helper could not work: \(error)")
        }
        return 0
    }

    private func extract(_ range: ClaimedPages, options: PipelineOptions) async throws(StoreError) -> Int {
        // Ranges are claimed a batch long, but another process's batch may be longer: read until the range's end.
        var stored: [StoredPage] = []
        var after = range.after
        while true {
            let read = try await pages.pages(of: range.runID, after: after, limit: tuning.pagesPerBatch,
                                             maxBytes: tuning.bytesPerBatch)
            stored += read.filter { $0.sequence <= range.through }
            // A short read is not the end: a batch stops at its bytes as well as its count.
            guard let last = read.last, last.sequence < range.through else { break }
            after = last.sequence
        }
        let documents = stored.filter { $0.page.holdsPayload && DocumentPipeline.isDocument($0) }
        let outcomes = await PageExtraction(extractor: extractor, options: options, tokens: tokens,
                                            parallelism: tuning.parallelism).extract(documents.map(\.page))
        let made = Dictionary(zip(documents.map(\.sequence), outcomes), uniquingKeysWith: { first, _ in first })
        let key = PageExtraction.resultKey(recipe: PageExtraction.recipe(of: options, hash: contentHash), tokens: tokens)
        let kept = try await store.saveExtractions(made, recipe: key, of: range, holder: holder)
        if !kept { logger.info("extraction helper's range of run \(range.runID) was taken over; its work was dropped") }
        return max(1, stored.count)
    }
}
