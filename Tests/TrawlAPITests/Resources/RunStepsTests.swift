import Foundation
import Testing
@testable import TrawlAPI
import TrawlCore

/// A run object never misleads a client polling it: a finished run's steps are all terminal, each step's status
/// agrees with its counts, and readiness is never claimed for a run that produced nothing.
@Suite struct RunStepsTests {
    private func run(_ change: (inout Run) -> Void) throws -> Run {
        let config = try CrawlConfig(from: ["seeds": [["kind": "static_list", "params": ["urls": ["https://example.com/"]]]]])
        let job = Job(tenantID: "acme", name: "docs", labels: [:], config: config, createdAt: Date(), updatedAt: Date())
        var run = Run(job: job, createdAt: Date())
        change(&run)
        return run
    }

    /// A run that crawled to its natural end (`max_empty_evaluations`), then `change`d.
    private func crawled(_ change: (inout Run) -> Void) throws -> Run {
        try run {
            $0.status = .finished
            $0.stopReason = .maxEmptyEvaluations
            $0.startedAt = Date()
            $0.finishedAt = Date()
            change(&$0)
        }
    }

    private func statuses(_ run: Run) -> [String: RunResource.Step.Status] {
        Dictionary(uniqueKeysWithValues: RunResource.steps(of: run).map { ($0.name, $0.status) })
    }

    /// Stopped while pending: nothing ran, and every step says so.
    @Test func aRunStoppedWhilePendingHasOnlySkippedSteps() throws {
        let stopped = try run {
            $0.status = .finished
            $0.stopReason = .manual
            $0.finishedAt = Date()
        }
        #expect(Set(statuses(stopped).values) == [.skipped])
        let json = try JSONSerialization.jsonObject(with: Data(RunResource(stopped).json().utf8)) as? [String: Any]
        #expect(json?["ready_for"] as? [String: Bool] == ["text_search": false, "semantic_search": false])
    }

    /// The only URL failed: the fetch step failed, the pipeline had nothing to do, nothing is ready.
    @Test func aRunWhoseOnlyURLFailedSaysSo() throws {
        let failed = try crawled {
            $0.progress.processed = 1
            $0.progress.failed = 1
            // What the pipeline records when it finds no page to index: its text stage finished, empty.
            $0.pipeline.textIndexedAt = Date()
        }
        let steps = statuses(failed)
        #expect(steps["fetch"] == .failed)
        #expect(steps["parse"] == .skipped && steps["chunk"] == .skipped && steps["index"] == .skipped)
        #expect(steps.values.allSatisfy { $0 != .pending && $0 != .running })
        #expect(!SearchReadiness.textSearch.holds(for: failed.pipeline))
    }

    @Test func aPausedRunsFetchStepIsPaused() throws {
        let paused = try run {
            $0.status = .paused
            $0.startedAt = Date()
            $0.pausedAt = Date()
        }
        #expect(statuses(paused)["fetch"] == .paused)
    }

    @Test func aRunThatFetchedSomethingSucceedsAndIsReady() throws {
        let done = try crawled {
            $0.progress.processed = 3
            $0.progress.fetched = 2
            $0.progress.failed = 1
            $0.pipeline.documents.indexed = 2
            $0.pipeline.textIndexedAt = Date()
        }
        #expect(statuses(done)["fetch"] == .succeeded)
        #expect(SearchReadiness.textSearch.holds(for: done.pipeline))
    }

    /// A re-crawl that reused the previous run's copy of every URL (`min_age`) requested nothing and has every page:
    /// its fetch succeeded, and its pipeline steps wait for the pipeline instead of being skipped.
    @Test func aReCrawlThatReusedEveryPageSucceeds() throws {
        let reused = try crawled {
            $0.progress.processed = 4
            $0.progress.reused = 4
            $0.pipeline.beganAt = Date()
        }
        let steps = statuses(reused)
        #expect(steps["fetch"] == .succeeded)
        #expect(steps["parse"] == .pending && steps["index"] == .pending, "\(steps)")
    }

    /// Crawled with `--no-index`: the pipeline never began, and none will unless asked, so its steps are skipped, not
    /// pending for ever; once a pipeline begins (`trawl index`), they say what it does.
    @Test func aFinishedRunWhosePipelineNeverBeganHasSkippedPipelineSteps() throws {
        var unindexed = try crawled {
            $0.progress.processed = 3
            $0.progress.fetched = 3
        }
        var steps = statuses(unindexed)
        #expect(steps["fetch"] == .succeeded)
        #expect(["parse", "chunk", "index", "embed"].allSatisfy { steps[$0] == .skipped }, "\(steps)")
        unindexed.pipeline.beganAt = Date()
        steps = statuses(unindexed)
        #expect(steps["parse"] == .pending && steps["index"] == .pending, "\(steps)")
    }
}
