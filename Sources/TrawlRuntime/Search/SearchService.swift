import Foundation
import TrawlCore

/// Answers searches in three modes over one store and vector index: BM25 from the full-text index, exact cosine
/// from the vector index, and their reciprocal-rank fusion.
public struct SearchService: Sendable {
    let store: any SearchStore & RunStore & JobStore
    let vectors: VectorIndex
    let embedders: any EmbedderProviding
    /// Brings in vectors other processes on the store embedded (nil: this process embeds everything it searches).
    var catchUp: VectorCatchUp?
    /// Reciprocal rank fusion's constant: 60 is the value of the original paper (Cormack et al., 2009) and keeps one
    /// list's top hit from drowning the other list's near-top hits.
    static let fusionConstant = 60.0
    /// How long hybrid search waits for the query's embedding before answering by text alone. The local model takes
    /// milliseconds and a healthy service well under a second; a service that is down would otherwise hold every
    /// search through the pipeline's retries (seconds to minutes).
    static let hybridEmbeddingDeadline = Duration.seconds(3)

    /// Ranked chunks for `query`.
    ///
    /// Semantic mode fails when the query cannot be embedded; hybrid mode then ranks by text alone and says so in
    /// the answer's warnings: the default search keeps working on a machine without the model, and honestly.
    public func search(_ query: SearchQuery, mode: SearchMode) async throws(SearchError) -> SearchAnswer {
        guard query.grouping == .page else { return try await searchChunks(query, mode: mode) }
        // Deep enough that a few pages with many matching chunks cannot crowd the others out of the page list.
        var chunks = query
        chunks.grouping = .chunk
        chunks.limit = min(max(query.limit * 10, 100), 1_000)
        let answer = try await searchChunks(chunks, mode: mode, snippets: false)
        let pages = Self.groupByPage(answer.results, limit: query.limit).map { page in
            var page = Self.withSnippet(page, query: query.text)
            page.passages = page.passages.map { Self.withSnippet($0, query: query.text) }
            return page
        }
        return SearchAnswer(results: pages, warnings: answer.warnings)
    }

    /// `result` with a snippet cut from its text when it has none (semantic hits): made for what a search returns, not
    /// for every candidate it ranked.
    static func withSnippet(_ result: SearchResult, query: String) -> SearchResult {
        guard result.hit.snippet.isEmpty else { return result }
        var result = result
        result.hit.snippet = Snippet.make(MarkdownPlainText.plain(result.hit.text), highlighting: query)
        return result
    }

    /// A page as fusion and grouping see it: one URL of one run (the same URL in two runs is two pages).
    struct Page: Hashable {
        let run: RunID
        let url: String
        init(_ hit: SearchHit) { (run, url) = (hit.runID, hit.url) }
    }

    /// Passages shown with each page-grouped result.
    static let passagesPerPage = 3

    /// One result per page (run and URL) in the order of its best chunk, that chunk's ranks and score, with the page's
    /// best chunks as passages.
    static func groupByPage(_ results: [SearchResult], limit: Int) -> [SearchResult] {
        var order: [Page] = []
        var pages: [Page: SearchResult] = [:]
        for result in results {
            let page = Page(result.hit)
            if pages[page] == nil {
                guard order.count < limit else { continue }
                order.append(page)
                var first = result
                first.passages = [result]
                pages[page] = first
            } else if pages[page]!.passages.count < passagesPerPage {
                pages[page]!.passages.append(result)
            }
        }
        return order.compactMap { pages[$0] }
    }

    /// Ranked chunks; `snippets` false leaves semantic hits without one (the caller makes them for what it keeps).
    private func searchChunks(_ query: SearchQuery, mode: SearchMode, snippets: Bool = true) async throws(SearchError) -> SearchAnswer {
        let answer = try await rankChunks(query, mode: mode)
        guard snippets else { return answer }
        return SearchAnswer(results: answer.results.map { Self.withSnippet($0, query: query.text) }, warnings: answer.warnings)
    }

    private func rankChunks(_ query: SearchQuery, mode: SearchMode) async throws(SearchError) -> SearchAnswer {
        let depth = max(query.limit * 5, 50)
        switch mode {
        case .text:
            return SearchAnswer(results: try await text(query, depth: query.limit).enumerated().map { rank, hit in
                SearchResult(hit: hit, score: hit.score, textRank: rank + 1, textScore: hit.score)
            })
        case .semantic:
            return SearchAnswer(results: try await semantic(query, depth: query.limit).enumerated().map { rank, entry in
                SearchResult(hit: entry.hit, score: entry.score, semanticRank: rank + 1, semanticScore: entry.score)
            })
        case .hybrid:
            // Both at once: BM25 runs on a store reader while the query is embedded and the vectors scanned, each
            // about half of a sequential hybrid search at 100k chunks.
            async let denseOutcome = outcome { () async throws(SearchError) in
                try await semantic(query, depth: depth, deadline: Self.hybridEmbeddingDeadline)
            }
            let lexical = try await text(query, depth: depth)
            switch await denseOutcome {
            case .success(let dense):
                return SearchAnswer(results: Self.fuse(lexical, dense, limit: query.limit))
            case .failure(.embedder(let error)):
                return SearchAnswer(results: Self.fuse(lexical, [], limit: query.limit),
                                    warnings: ["ranked by text only: \(SearchError.embedder(error).description)"])
            case .failure(let error):
                throw error
            }
        }
    }

    /// `body`'s result or error as a value: `async let` does not carry a typed error.
    private func outcome<T: Sendable>(_ body: () async throws(SearchError) -> T) async -> Result<T, SearchError> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    private func text(_ query: SearchQuery, depth: Int) async throws(SearchError) -> [SearchHit] {
        var deep = query
        deep.limit = depth
        do { return try await store.textSearch(deep) } catch { throw .store(error) }
    }

    private func semantic(_ query: SearchQuery, depth: Int,
                          deadline: Duration? = nil) async throws(SearchError) -> [(hit: SearchHit, score: Double)] {
        let runs: [Int64: PipelineOptions.Embedding]
        do { runs = try await store.searchableRuns(query) } catch { throw .store(error) }
        // Vectors of different models live in different spaces: search the model most of the runs in scope use.
        let byModel = Dictionary(grouping: runs, by: { $0.value.storedModel })
        guard let (model, members) = byModel.max(by: { $0.value.count < $1.value.count }), let choice = members.first?.value
        else { return [] }
        let queryVector: [Float]
        do throws(EmbedError) {
            let (text, embedders) = (query.text, embedders)
            // Getting the embedder is inside the deadline too: a tenant's service that does not answer its probe
            // (retried for up to a minute) must not hold every hybrid search of that tenant's runs as long.
            let embed: @Sendable () async throws(EmbedError) -> [Float] = { () async throws(EmbedError) in
                try await embedders.embedder(for: choice).get().embed([text])[0]
            }
            if let deadline {
                guard let vector = try await Deadline.run(within: deadline, embed) else {
                    throw EmbedError(.unavailable, "the embedder did not answer within \(deadline)")
                }
                queryVector = vector
            } else {
                queryVector = try await embed()
            }
        } catch { throw .embedder(error) }
        let allowed = Set(members.map(\.key))
        if let catchUp {
            do { try await catchUp.catchUp(allowed) } catch { throw .store(error) }
        }
        let nearest = vectors.nearest(to: queryVector, model: model, allowedRuns: allowed, limit: depth)
        let hits: [SearchHit]
        do { hits = try await store.chunks(ids: nearest.map(\.chunkID)) } catch { throw .store(error) }
        let scores = Dictionary(uniqueKeysWithValues: nearest.map { ($0.chunkID, Double($0.score)) })
        return hits.map { hit in (hit, scores[hit.chunkID] ?? 0) }
    }

    /// Reciprocal rank fusion: each list adds 1 / (k + rank), so a chunk found by both ranks above one found by one.
    ///
    /// The lists rank passages, but they often agree on the page and not on its passage: BM25 picks the chunk with
    /// the query's words, the model the chunk that says the same thing in others. A chunk missing from one list
    /// therefore takes, in that list, the rank of its page's best chunk there: the page's evidence counts for each of
    /// its passages, without any one list's absence sinking the page's best passages below a page both lists merely
    /// tolerate.
    static func fuse(_ lexical: [SearchHit], _ dense: [(hit: SearchHit, score: Double)], limit: Int) -> [SearchResult] {
        func page(_ hit: SearchHit) -> Page { Page(hit) }
        var pageTextRank: [Page: Int] = [:]
        var pageSemanticRank: [Page: Int] = [:]
        var results: [Int64: SearchResult] = [:]
        for (index, hit) in lexical.enumerated() {
            if pageTextRank[page(hit)] == nil { pageTextRank[page(hit)] = index + 1 }
            results[hit.chunkID] = SearchResult(hit: hit, score: 0, textRank: index + 1, textScore: hit.score)
        }
        for (index, entry) in dense.enumerated() {
            if pageSemanticRank[page(entry.hit)] == nil { pageSemanticRank[page(entry.hit)] = index + 1 }
            if var existing = results[entry.hit.chunkID] {
                existing.semanticRank = index + 1
                existing.semanticScore = entry.score
                results[entry.hit.chunkID] = existing
            } else {
                results[entry.hit.chunkID] = SearchResult(hit: entry.hit, score: 0, semanticRank: index + 1,
                                                          semanticScore: entry.score)
            }
        }
        func contribution(_ rank: Int?) -> Double { rank.map { 1 / (Self.fusionConstant + Double($0)) } ?? 0 }
        for (id, result) in results {
            let textRank = result.textRank ?? pageTextRank[page(result.hit)]
            let semanticRank = result.semanticRank ?? pageSemanticRank[page(result.hit)]
            results[id]?.score = contribution(textRank) + contribution(semanticRank)
        }
        return Array(results.values.sorted {
            $0.score != $1.score ? $0.score > $1.score : $0.hit.chunkID < $1.hit.chunkID
        }.prefix(limit))
    }
}

/// Why a search failed.
public enum SearchError: Error, Sendable, CustomStringConvertible {
    case store(StoreError)
    /// The query could not be embedded (semantic and hybrid modes).
    case embedder(EmbedError)

    public var description: String {
        switch self {
        case .store(let error): error.message
        case .embedder(let error): "the query could not be embedded: \(error.message)"
        }
    }
}
