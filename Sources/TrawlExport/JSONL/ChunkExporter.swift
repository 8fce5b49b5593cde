import Foundation
import TrawlCore

/// Streams a run's chunks as JSONL: what a user feeds into another vector store.
public struct ChunkExporter: Sendable {
    private let store: any SearchStore
    private let batch = 500

    /// An exporter reading from `store`.
    public init(store: any SearchStore) { self.store = store }

    /// Writes one line per chunk of `runID` — `url`, `title`, `heading_path`, `chunk_index`, `text`, offsets,
    /// `token_count` and, with `vectors`, `model` and `embedding` (null until the chunk is embedded).
    public func export(_ runID: RunID, to sink: ByteSink, vectors: Bool) async throws(ExportError) -> Int {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var after: Int64 = 0
        var count = 0
        while true {
            let chunks: [ExportedChunk]
            do throws(StoreError) {
                chunks = try await store.exportChunks(of: runID, after: after, limit: batch, vectors: vectors)
            } catch {
                throw .store(error)
            }
            for chunk in chunks {
                let line: Data
                do { line = try encoder.encode(ChunkLine(chunk, vectors: vectors)) } catch {
                    throw ExportError("could not encode chunk \(chunk.id): \(error)")
                }
                try sink.write(Array(line))
                try sink.write("\n")
                count += 1
            }
            guard let last = chunks.last, chunks.count == batch else { break }
            after = last.id
        }
        try sink.flush()
        return count
    }
}

/// One exported chunk.
struct ChunkLine: Encodable {
    let chunk: ExportedChunk
    let vectors: Bool

    init(_ chunk: ExportedChunk, vectors: Bool) {
        self.chunk = chunk
        self.vectors = vectors
    }

    enum CodingKeys: String, CodingKey {
        case url, title, text, start, end, model, embedding
        case headingPath = "heading_path", chunkIndex = "chunk_index", tokenCount = "token_count", id = "chunk_id"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(chunk.id, forKey: .id)
        try container.encode(chunk.url, forKey: .url)
        try container.encode(chunk.title, forKey: .title)
        try container.encode(chunk.headingPath, forKey: .headingPath)
        try container.encode(chunk.index, forKey: .chunkIndex)
        try container.encode(chunk.text, forKey: .text)
        try container.encode(chunk.start, forKey: .start)
        try container.encode(chunk.end, forKey: .end)
        try container.encode(chunk.tokenCount, forKey: .tokenCount)
        if vectors {
            try container.encode(chunk.model, forKey: .model)
            try container.encode(chunk.embedding, forKey: .embedding)
        }
    }
}
