import Synchronization
import TrawlCore

/// A stand-in model at our own seam: each word adds 1 to one of 64 dimensions (by a stable hash), then the vector
/// is normalised. Texts sharing words are close, so semantic search behaves sensibly in fast tests; the real MiniLM
/// has its own end-to-end test. Counts the texts it embedded, and can be made to fail, to refuse texts holding a
/// word (as a service refuses an input it will not take), or to hold every call until released.
public final class WordHashEmbedder: Embedder {
    public let model = "all-MiniLM-L6-v2"
    public let dimensions = 64
    private struct State {
        var embedded = 0
        var texts: [String] = []
        var failure: EmbedError?
        var refusedWord: String?
        var held = false
    }
    private let state = Mutex(State())

    public init() {}

    public var embeddedCount: Int { state.withLock { $0.embedded } }
    /// Every text embedded so far, in order.
    public var embeddedTexts: [String] { state.withLock { $0.texts } }

    public func fail(with error: EmbedError?) { state.withLock { $0.failure = error } }

    /// Refuses, for good, any batch with a text containing `word`.
    public func refuse(textsContaining word: String) { state.withLock { $0.refusedWord = word } }

    /// Holds every call until `release()`: an embedder far slower than the crawl.
    public func hold() { state.withLock { $0.held = true } }
    public func release() { state.withLock { $0.held = false } }

    public func embed(_ texts: [String]) async throws(EmbedError) -> [[Float]] {
        while state.withLock({ $0.held }) { try? await Task.sleep(for: .milliseconds(10)) }
        let (failure, refused) = state.withLock { ($0.failure, $0.refusedWord) }
        if let failure { throw failure }
        if let refused, texts.contains(where: { $0.lowercased().contains(refused) }) {
            throw EmbedError(.invalidResponse, "the service refused an input containing '\(refused)'")
        }
        state.withLock {
            $0.embedded += texts.count
            $0.texts += texts
        }
        return texts.map(Self.vector)
    }

    public static func vector(_ text: String) -> [Float] {
        var vector = [Float](repeating: 0, count: 64)
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            vector[Int(hash % 64)] += 1
        }
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm == 0 ? vector : vector.map { $0 / norm }
    }
}
