import TrawlCore

/// BERT's uncased WordPiece tokenizer, as all-MiniLM-L6-v2 uses it: basic tokenisation, then greedy
/// longest-match-first WordPiece with `##` continuations.
public struct WordPieceTokenizer: TokenCounting {
    /// The vocabulary the ids index.
    public let vocabulary: Vocabulary
    /// Longest sequence the model takes, special tokens included; longer texts are cut.
    public let maximumSequenceLength: Int

    /// The id of `[CLS]`, which opens every sequence.
    public let classifierID: Int32
    /// The id of `[SEP]`, which closes every sequence.
    public let separatorID: Int32
    /// The id of `[UNK]`, given to a word that no vocabulary pieces spell.
    public let unknownID: Int32

    /// Words longer than this many scalars become `[UNK]` without trying to split them.
    static let maximumWordLength = 100

    /// A tokenizer over `vocabulary`, which must hold `[CLS]`, `[SEP]` and `[UNK]`.
    public init(vocabulary: Vocabulary, maximumSequenceLength: Int = 256) throws(EmbedError) {
        guard let classifier = vocabulary.id(of: "[CLS]"), let separator = vocabulary.id(of: "[SEP]"),
            let unknown = vocabulary.id(of: "[UNK]")
        else {
            throw EmbedError(.model, "the vocabulary lacks one of [CLS], [SEP], [UNK]")
        }
        guard maximumSequenceLength >= 2 else {
            throw EmbedError(.model, "the maximum sequence length must leave room for [CLS] and [SEP]")
        }
        self.vocabulary = vocabulary
        self.maximumSequenceLength = maximumSequenceLength
        self.classifierID = classifier
        self.separatorID = separator
        self.unknownID = unknown
    }

    /// A tokenizer over the `vocab.txt` at `path`.
    public init(vocabularyFile path: String, maximumSequenceLength: Int = 256) throws(EmbedError) {
        try self.init(vocabulary: Vocabulary(contentsOf: path), maximumSequenceLength: maximumSequenceLength)
    }

    /// The model's input for `text`: `[CLS]`, the text's ids cut to fit, `[SEP]`.
    public func encode(_ text: String) -> [Int32] {
        let body = pieceIDs(text, limit: maximumSequenceLength - 2)
        return [classifierID] + body + [separatorID]
    }

    /// The text's WordPiece ids, without special tokens and without truncation.
    public func pieceIDs(_ text: String) -> [Int32] {
        pieceIDs(text, limit: .max)
    }

    /// Pieces in `text`, without `[CLS]`/`[SEP]` and without truncation: the units chunks are sized in. Counted
    /// without building the ids: chunking counts every piece of every page.
    public func tokenCount(_ text: String) -> Int {
        var buffer = WordBuffer()
        return countPieces(BasicTokenizer.normalize(text)[...], &buffer)
    }

    /// Pieces in each word of `text` as the chunker splits words (runs between Unicode White_Space): the chunker's
    /// per-document count, at the cost of one `tokenCount`. They add up to `tokenCount(text)`.
    public func wordTokenCounts(_ text: String) -> [Int] {
        countsByStretch(text) ?? text.unicodeScalars.split(whereSeparator: \.isChunkerWhitespace).map {
            tokenCount(String(String.UnicodeScalarView($0)))
        }
    }

    /// The word counts from one normalisation of the whole text; nil should the normalised spaces not line up with
    /// the text's whitespace. Normalisation turns each whitespace scalar it keeps into exactly one space and drops
    /// the controls among White_Space (U+000B, U+000C, U+0085), joining the words around them into one. So each
    /// stretch between the normalised spaces is a group of the chunker's words joined by dropped controls: the
    /// group's pieces are counted once, on its first word, and its other words count zero. (A chunk cut inside such
    /// a group is off by the pieces that straddle the cut, which the chunker's next count corrects.)
    func countsByStretch(_ text: String) -> [Int]? {
        // Which of the chunker's words hold something, and whether the whitespace after each survives as a space.
        var holdsWord: [Bool] = []
        var keptAfter: [Bool] = []
        var current = false
        for scalar in text.unicodeScalars {
            if scalar.isChunkerWhitespace {
                holdsWord.append(current)
                keptAfter.append(scalar.isBertWhitespace)
                current = false
            } else {
                current = true
            }
        }
        holdsWord.append(current)
        let normalized = BasicTokenizer.normalize(text)
        var groupCounts: [Int] = []
        var buffer = WordBuffer()
        var start = normalized.startIndex
        for index in normalized.indices where normalized[index] == " " {
            groupCounts.append(countPieces(normalized[start..<index], &buffer))
            start = index + 1
        }
        groupCounts.append(countPieces(normalized[start...], &buffer))
        guard groupCounts.count == keptAfter.count(where: { $0 }) + 1 else { return nil }
        var counts: [Int] = []
        var group = 0
        var counted = false
        for (index, holds) in holdsWord.enumerated() {
            if holds {
                counts.append(counted ? 0 : groupCounts[group])
                counted = true
            }
            if index < keptAfter.count, keptAfter[index] {
                group += 1
                counted = false
            }
        }
        return counts
    }

    /// Pieces in normalised text, each word's pieces found in `buffer` (reused from word to word).
    private func countPieces(_ normalized: ArraySlice<Unicode.Scalar>, _ buffer: inout WordBuffer) -> Int {
        var count = 0
        BasicTokenizer.forEachWord(inNormalized: normalized) { word in
            guard word.count <= Self.maximumWordLength else {
                count += 1
                return true
            }
            buffer.load(word)
            var pieces = 0
            count += forEachPiece(of: buffer) { _ in pieces += 1 } ? pieces : 1
            return true
        }
        return count
    }

    /// Ids of `text`'s pieces, stopping once `limit` are found (the rest would be cut anyway).
    private func pieceIDs(_ text: String, limit: Int) -> [Int32] {
        var ids: [Int32] = []
        var buffer = WordBuffer()
        BasicTokenizer.forEachWord(in: text) { word in
            guard word.count <= Self.maximumWordLength else {
                ids.append(unknownID)
                return ids.count < limit
            }
            buffer.load(word)
            let firstPiece = ids.count
            if !forEachPiece(of: buffer, { ids.append($0) }) {
                ids.removeSubrange(firstPiece...)
                ids.append(unknownID)
            }
            return ids.count < limit
        }
        return ids.count > limit ? Array(ids.prefix(limit)) : ids
    }

    /// A word's UTF-8 and the byte offset of every scalar boundary (pieces end only on boundaries), reused from
    /// word to word.
    private struct WordBuffer {
        var bytes: [UInt8] = []
        var boundaries: [Int] = []

        mutating func load(_ word: ArraySlice<Unicode.Scalar>) {
            bytes.removeAll(keepingCapacity: true)
            boundaries.removeAll(keepingCapacity: true)
            boundaries.append(0)
            for scalar in word {
                if scalar.isASCII {
                    bytes.append(UInt8(scalar.value))
                } else {
                    bytes.append(contentsOf: UTF8.encode(scalar)!)
                }
                boundaries.append(bytes.count)
            }
        }
    }

    /// Greedy longest-match-first: calls `piece` with the longest vocabulary piece at each position; false when
    /// some position has none (the word is then a single `[UNK]`).
    private func forEachPiece(of word: WordBuffer, _ piece: (Int32) -> Void) -> Bool {
        let boundaries = word.boundaries
        var start = 0
        while start < boundaries.count - 1 {
            var end = boundaries.count - 1
            var found: Int32?
            while end > start {
                if let id = vocabulary.id(ofPiece: word.bytes[boundaries[start] ..< boundaries[end]], continuing: start > 0) {
                    found = id
                    break
                }
                end -= 1
            }
            guard let id = found else { return false }
            piece(id)
            start = end
        }
        return true
    }
}
