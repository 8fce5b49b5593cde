import TrawlCore
/// The answer to a search, as the API and `trawl search --json` show it:
/// `{"mode", "group", "results": [...], "warnings"}`.
public struct SearchResultsResource: Encodable, Sendable {
    public let mode: SearchMode
    public let grouping: SearchGrouping
    public let answer: SearchAnswer

    /// The document for `answer`, asked for in `mode` and `grouping`.
    public init(mode: SearchMode, grouping: SearchGrouping = .chunk, answer: SearchAnswer) {
        self.mode = mode
        self.grouping = grouping
        self.answer = answer
    }

    enum CodingKeys: String, CodingKey { case mode, group, results, warnings }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(mode.rawValue, forKey: .mode)
        try container.encode(grouping.rawValue, forKey: .group)
        try container.encode(answer.results.map(Item.init), forKey: .results)
        try container.encode(answer.warnings, forKey: .warnings)
    }

    /// One result.
    struct Item: Encodable {
        let result: SearchResult

        enum CodingKeys: String, CodingKey {
            case url, title, snippet, text, score
            case headingPath = "heading_path", runID = "run_id", jobID = "job_id", chunkID = "chunk_id"
            case textRank = "text_rank", semanticRank = "semantic_rank", textScore = "text_score"
            case semanticScore = "semantic_score"
            case passages
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            let hit = result.hit
            try container.encode(hit.url, forKey: .url)
            try container.encode(hit.title, forKey: .title)
            try container.encode(hit.headingPath, forKey: .headingPath)
            try container.encode(hit.snippet, forKey: .snippet)
            try container.encode(hit.text, forKey: .text)
            try container.encode(result.score, forKey: .score)
            try container.encode(result.textRank, forKey: .textRank)
            try container.encode(result.semanticRank, forKey: .semanticRank)
            try container.encode(result.textScore, forKey: .textScore)
            try container.encode(result.semanticScore, forKey: .semanticScore)
            try container.encode(hit.runID, forKey: .runID)
            try container.encode(hit.jobID, forKey: .jobID)
            try container.encode(hit.chunkID, forKey: .chunkID)
            try container.encode(result.passages.map(Passage.init), forKey: .passages)
        }
    }

    /// One of a page-grouped result's passages.
    struct Passage: Encodable {
        let result: SearchResult

        enum CodingKeys: String, CodingKey {
            case snippet, text, score
            case headingPath = "heading_path", chunkID = "chunk_id"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(result.hit.chunkID, forKey: .chunkID)
            try container.encode(result.hit.headingPath, forKey: .headingPath)
            try container.encode(result.hit.snippet, forKey: .snippet)
            try container.encode(result.hit.text, forKey: .text)
            try container.encode(result.score, forKey: .score)
        }
    }
}
