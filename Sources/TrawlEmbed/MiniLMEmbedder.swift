import COpenBLAS
import Dispatch
import Foundation
import TrawlCore

/// all-MiniLM-L6-v2 run locally on the CPU: 384-dimensional sentence embeddings, as sentence-transformers makes them.
///
/// Inference runs on one process-wide serial queue, off Swift's cooperative thread pool (a pass can take a
/// second), one batch at a time: OpenBLAS's thread count is process-wide, and two batches at once would use
/// twice the cores the embedder was given. Within a batch, at most `threads` cores work.
public struct MiniLMEmbedder: Embedder {
    /// The model's name, stored beside every vector it makes.
    public let model = "all-MiniLM-L6-v2"
    /// Every vector has 384 dimensions.
    public let dimensions = 384
    /// The tokenizer the model was trained with (ids include `[CLS]`/`[SEP]`, cut at 256).
    public let tokenizer: WordPieceTokenizer
    /// Cores a forward pass may use (OpenBLAS threads).
    public let threads: Int
    /// At most this many tokens (summed over texts) go through one forward pass; more texts make more passes.
    public let maximumBatchTokens: Int

    let encoder: BertEncoder

    private static let inferenceQueue = DispatchQueue(label: "trawl.embed.minilm", qos: .userInitiated)

    /// Loads `model.safetensors` and `vocab.txt` from `modelDirectory` (see `ModelLocation`).
    public init(
        modelDirectory: String, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        maximumBatchTokens: Int = 2_048
    ) throws(EmbedError) {
        let folder = modelDirectory as NSString
        tokenizer = try WordPieceTokenizer(vocabularyFile: folder.appendingPathComponent("vocab.txt"))
        let configuration = BertConfiguration.miniLM
        guard tokenizer.vocabulary.count == configuration.vocabularySize else {
            throw EmbedError(
                .model, "vocab.txt has \(tokenizer.vocabulary.count) tokens; all-MiniLM-L6-v2 has \(configuration.vocabularySize)")
        }
        let weightsPath = folder.appendingPathComponent("model.safetensors")
        do {
            encoder = BertEncoder(weights: try BertWeights(file: SafeTensors(contentsOf: weightsPath), configuration: configuration))
        } catch {
            throw EmbedError(.model, "the embedding model's weights cannot be loaded",
                             detail: "\(weightsPath): \(error.description)")
        }
        self.threads = max(1, threads)
        self.maximumBatchTokens = max(maximumBatchTokens, tokenizer.maximumSequenceLength)
    }

    /// One L2-normalised vector per text, in order; texts longer than 256 tokens are cut, as in training.
    public func embed(_ texts: [String]) async throws(EmbedError) -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        return await withCheckedContinuation { continuation in
            Self.inferenceQueue.async {
                continuation.resume(returning: embedNow(texts.map(tokenizer.encode)))
            }
        }
    }

    /// Below this many tokens one sequence is embedded on one thread.
    static let shortSequence = 64

    /// Embeds already-encoded sequences on the calling thread; callers must be on the inference queue.
    private func embedNow(_ sequences: [[Int32]]) -> [[Float]] {
        var vectors: [[Float]] = []
        vectors.reserveCapacity(sequences.count)
        var batch: [[Int32]] = []
        var tokens = 0
        for sequence in sequences {
            if tokens + sequence.count > maximumBatchTokens, !batch.isEmpty {
                vectors += embedBatch(batch)
                batch.removeAll(keepingCapacity: true)
                tokens = 0
            }
            batch.append(sequence)
            tokens += sequence.count
        }
        vectors += embedBatch(batch)
        return vectors
    }

    /// Several sequences: one single-threaded pass per core over a share of them. One long sequence: one pass whose
    /// matrix products use every core. One short sequence (a search query): one thread, since waking OpenBLAS's
    /// workers for matrices of a few rows costs more than it saves and leaves them spinning afterwards. OpenBLAS's
    /// thread count is switched to match (cheap: it only sets a count).
    private func embedBatch(_ batch: [[Int32]]) -> [[Float]] {
        let workers = min(threads, batch.count)
        let short = batch.count == 1 && batch[0].count < Self.shortSequence
        let blasThreads = Int32(workers > 1 || short ? 1 : threads)
        if openblas_get_num_threads() != blasThreads { openblas_set_num_threads(blasThreads) }
        return encoder.embed(batch, workers: workers)
    }
}
