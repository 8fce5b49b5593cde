import Foundation
import TrawlCore

/// A WordPiece vocabulary: one token per line of `vocab.txt`, the line number (from 0) being its id.
///
/// Tokens are matched byte for byte, not by Swift's canonical string equality: the reference tokenizer compares
/// bytes, and canonical equality would conflate, say, a Hangul syllable with its decomposed jamo.
public struct Vocabulary: Sendable {
    /// The tokens in id order.
    public let tokens: [String]
    /// Ids of tokens that start a word, keyed by their UTF-8 bytes.
    private let wordStarts: [[UInt8]: Int32]
    /// Ids of `##` continuation tokens, keyed by their UTF-8 bytes without the `##`.
    private let continuations: [[UInt8]: Int32]

    /// A vocabulary of `tokens`, in id order; a repeated token keeps its last id, as the reference loader does.
    public init(tokens: [String]) {
        self.tokens = tokens
        var starts: [[UInt8]: Int32] = [:]
        var continuations: [[UInt8]: Int32] = [:]
        for (index, token) in tokens.enumerated() {
            let bytes = Array(token.utf8)
            if bytes.starts(with: Self.continuationPrefix) {
                continuations[Array(bytes.dropFirst(Self.continuationPrefix.count))] = Int32(index)
            } else {
                starts[bytes] = Int32(index)
            }
        }
        self.wordStarts = starts
        self.continuations = continuations
    }

    /// Loads `vocab.txt` (UTF-8, one token per line).
    public init(contentsOf path: String) throws(EmbedError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw EmbedError(.model, "cannot read the vocabulary \(path): \(error.localizedDescription)")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw EmbedError(.model, "the vocabulary \(path) is not UTF-8")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.last == "\r" ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        guard !lines.isEmpty else { throw EmbedError(.model, "the vocabulary \(path) is empty") }
        self.init(tokens: lines)
    }

    /// Number of tokens.
    public var count: Int { tokens.count }

    /// The id of `token` exactly as written (a `##` prefix marks a continuation), or nil.
    public func id(of token: String) -> Int32? {
        let bytes = Array(token.utf8)
        if bytes.starts(with: Self.continuationPrefix) {
            return continuations[Array(bytes.dropFirst(Self.continuationPrefix.count))]
        }
        return wordStarts[bytes]
    }

    /// The id of the piece `bytes`: a word start, or (when `continuing`) a `##` continuation.
    func id(ofPiece bytes: ArraySlice<UInt8>, continuing: Bool) -> Int32? {
        let key = Array(bytes)
        return continuing ? continuations[key] : wordStarts[key]
    }

    private static let continuationPrefix = Array("##".utf8)
}
