import Foundation
import TrawlCore

/// A WordPiece vocabulary: one token per line of `vocab.txt`, the line number (from 0) being its id.
///
/// Tokens are matched byte for byte, not by Swift's canonical string equality: the reference tokenizer compares
/// bytes, and canonical equality would conflate, say, a Hangul syllable with its decomposed jamo.
public struct Vocabulary: Sendable {
    /// The tokens in id order.
    public let tokens: [String]
    /// Ids of tokens that start a word and of `##` continuation tokens (without the `##`), keyed by a 64-bit hash
    /// of their UTF-8 bytes: counting a page's tokens looks pieces up hundreds of thousands of times, and hashing a
    /// slice in place costs a fraction of building an array key and SipHashing it. A hit is confirmed against the
    /// token's bytes; the rare tokens whose hash another token took first wait in `collided`.
    private let wordStarts: [UInt64: Int32]
    private let continuations: [UInt64: Int32]
    private let pieceBytes: [[UInt8]]
    private let collided: [PieceKey: Int32]

    private struct PieceKey: Hashable {
        let bytes: [UInt8]
        let continuing: Bool
    }

    /// A vocabulary of `tokens`, in id order; a repeated token keeps its last id, as the reference loader does.
    public init(tokens: [String]) {
        self.tokens = tokens
        var starts: [UInt64: Int32] = [:]
        var continuations: [UInt64: Int32] = [:]
        var pieces: [[UInt8]] = []
        var collided: [PieceKey: Int32] = [:]
        pieces.reserveCapacity(tokens.count)
        for (index, token) in tokens.enumerated() {
            var bytes = Array(token.utf8)
            let continuing = bytes.starts(with: Self.continuationPrefix)
            if continuing { bytes.removeFirst(Self.continuationPrefix.count) }
            pieces.append(bytes)
            let hash = Self.hash(bytes[...])
            let id = Int32(index)
            if let taken = continuing ? continuations[hash] : starts[hash], pieces[Int(taken)] != bytes {
                collided[PieceKey(bytes: bytes, continuing: continuing)] = id
            } else if continuing {
                continuations[hash] = id
            } else {
                starts[hash] = id
            }
        }
        self.wordStarts = starts
        self.continuations = continuations
        self.pieceBytes = pieces
        self.collided = collided
    }

    /// Loads `vocab.txt` (UTF-8, one token per line).
    public init(contentsOf path: String) throws(EmbedError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw EmbedError(.model, "the embedding model's vocabulary cannot be read",
                             detail: "\(path): \(error.localizedDescription)")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw EmbedError(.model, "the embedding model's vocabulary is not UTF-8", detail: path)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.last == "\r" ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        guard !lines.isEmpty else { throw EmbedError(.model, "the embedding model's vocabulary is empty", detail: path) }
        self.init(tokens: lines)
    }

    /// Number of tokens.
    public var count: Int { tokens.count }

    /// The id of `token` exactly as written (a `##` prefix marks a continuation), or nil.
    public func id(of token: String) -> Int32? {
        let bytes = Array(token.utf8)
        if bytes.starts(with: Self.continuationPrefix) {
            return id(ofPiece: bytes[Self.continuationPrefix.count...], continuing: true)
        }
        return id(ofPiece: bytes[...], continuing: false)
    }

    /// The id of the piece `bytes`: a word start, or (when `continuing`) a `##` continuation.
    func id(ofPiece bytes: ArraySlice<UInt8>, continuing: Bool) -> Int32? {
        let hash = Self.hash(bytes)
        if let id = continuing ? continuations[hash] : wordStarts[hash], pieceBytes[Int(id)].elementsEqual(bytes) {
            return id
        }
        return collided.isEmpty ? nil : collided[PieceKey(bytes: Array(bytes), continuing: continuing)]
    }

    /// FNV-1a, 64 bits: a few cycles a byte, and pieces are a few bytes.
    private static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    private static let continuationPrefix = Array("##".utf8)
}
