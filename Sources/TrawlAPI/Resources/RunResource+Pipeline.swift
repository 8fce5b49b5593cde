import Foundation
import TrawlCore

extension RunResource {
    /// `documents`: the crawl's and the pipeline's document counters in one object.
    struct DocumentCounts: Encodable {
        let run: Run

        enum CodingKeys: String, CodingKey {
            case discovered, fetched, parsed, chunked, embedded, indexed, failed, skipped, adds, updates, unchanged, deletes
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            let documents = run.pipeline.documents
            try container.encode(run.progress.discovered, forKey: .discovered)
            try container.encode(run.progress.fetched, forKey: .fetched)
            try container.encode(documents.parsed, forKey: .parsed)
            try container.encode(documents.chunked, forKey: .chunked)
            try container.encode(documents.embedded, forKey: .embedded)
            try container.encode(documents.indexed, forKey: .indexed)
            try container.encode(documents.failed, forKey: .failed)
            try container.encode(documents.skipped, forKey: .skipped)
            try container.encode(documents.adds, forKey: .adds)
            try container.encode(documents.updates, forKey: .updates)
            try container.encode(documents.unchanged, forKey: .unchanged)
            try container.encode(documents.deletes, forKey: .deletes)
        }
    }

    /// `chunks`.
    struct ChunkCounts: Encodable {
        let chunks: PipelineProgress.Chunks

        enum CodingKeys: String, CodingKey { case created, embedded, indexed }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(chunks.created, forKey: .created)
            try container.encode(chunks.embedded, forKey: .embedded)
            try container.encode(chunks.indexed, forKey: .indexed)
        }
    }

    /// One entry of `steps`.
    struct Step: Encodable {
        /// A stage's state.
        enum Status: String, Encodable, CaseIterable { case pending, running, paused, succeeded, failed, skipped }

        let name: String
        let status: Status
        let startedAt: Date?
        let finishedAt: Date?
        /// Documents (URLs for `fetch`) the stage has handled, and how many of those failed in it.
        let processed: Int
        let failed: Int
        /// Why the stage failed as a whole (the crawl's error, the embedder giving up); per-document reasons are
        /// in the run's documents.
        let error: String?

        enum CodingKeys: String, CodingKey {
            case name, status, processed, failed, error
            case startedAt = "started_at", finishedAt = "finished_at"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(status, forKey: .status)
            try container.encode(startedAt.map(Timestamp.format), forKey: .startedAt)
            try container.encode(finishedAt.map(Timestamp.format), forKey: .finishedAt)
            try container.encode(processed, forKey: .processed)
            try container.encode(failed, forKey: .failed)
            try container.encode(error, forKey: .error)
        }
    }

    /// `ready_for`.
    struct Readiness: Encodable {
        let pipeline: PipelineProgress

        enum CodingKeys: String, CodingKey {
            case textSearch = "text_search", semanticSearch = "semantic_search"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(SearchReadiness.textSearch.holds(for: pipeline), forKey: .textSearch)
            try container.encode(SearchReadiness.semanticSearch.holds(for: pipeline), forKey: .semanticSearch)
        }
    }

    /// The five stages, fetch first, as the run shows them.
    static func steps(of run: Run) -> [Step] {
        let pipeline = run.pipeline
        let options = run.config.pipeline
        // A finished run's steps are all terminal, so a client polling until they are stops; each says what its
        // counts say (`docs/api.md`, "Steps").
        let finished = run.status == .finished
        let pipelineBegan = pipeline.beganAt != nil || pipeline.pageCursor > 0 || pipeline.textIndexedAt != nil
        // A re-crawl whose every URL was current (`min_age`, sitemap `lastmod`) fetched nothing and yet has every page:
        // the previous run's copies are its pages.
        let nothingFetched = run.progress.fetched + run.progress.reused == 0
        let fetchStatus: Step.Status = switch run.status {
        case .pending: .pending
        case .running: .running
        case .paused: .paused
        case .finished where run.startedAt == nil || run.progress.processed == 0:
            run.error == nil ? .skipped : .failed
        case .finished where run.error != nil || nothingFetched: .failed
        case .finished: .succeeded
        }
        var steps = [Step(name: "fetch", status: fetchStatus, startedAt: run.startedAt, finishedAt: run.finishedAt,
                          processed: run.progress.processed, failed: run.progress.failed, error: run.error?.message)]
        // Every pipeline stage counts documents: those it handled, and those that failed in it.
        let documents = pipeline.documents
        let counts: [PipelineStage: (processed: Int, failed: Int)] = [
            .parse: (documents.parsed + documents.parseFailed, documents.parseFailed),
            .chunk: (documents.chunked, 0),
            .embed: (documents.embedded + documents.failed - documents.parseFailed, documents.failed - documents.parseFailed),
            .index: (documents.indexed, 0),
        ]
        for stage in PipelineStage.allCases {
            let times = pipeline.stages[stage]
            // A stage that never began in a run that fetched nothing never will; nor will one of a finished run whose
            // pipeline never began (`trawl crawl --no-index`: `trawl index` runs it, and the steps then say so).
            let skipped = !options.enabled || (stage == .embed && options.embedding == nil)
                || (finished && (nothingFetched || !pipelineBegan) && times?.startedAt == nil)
            let status: Step.Status = skipped ? .skipped
                : times?.finishedAt != nil ? (times?.failed == true ? .failed : .succeeded)
                : times?.startedAt != nil ? .running : .pending
            let (processed, failed) = skipped ? (0, 0) : counts[stage] ?? (0, 0)
            let error = stage == .embed && status == .failed ? pipeline.error : nil
            steps.append(Step(name: stage.rawValue, status: status, startedAt: times?.startedAt,
                              finishedAt: times?.finishedAt, processed: processed, failed: failed, error: error))
        }
        return steps
    }
}
