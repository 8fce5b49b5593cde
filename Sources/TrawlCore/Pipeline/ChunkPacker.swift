/// Packs one section's blocks into chunks of at most `target` tokens, each word counted once (`WordTokenTable`).
///
/// A block that fits what is left of the chunk joins it; one that fits a chunk of its own starts one; a larger one
/// is cut one level finer — lines, then sentences, then words — and its pieces fill the chunk in turn. Fenced code
/// blocks, table rows and headings are cut only when they alone exceed the target. Each new chunk of the section
/// starts with the previous chunk's last whole sentences (or words) up to the overlap; headings and cut code never
/// serve as overlap.
struct ChunkPacker {
    enum Kind {
        case heading, text, code, line, row, codeLine, sentence, word

        /// Kept whole whenever they fit in a chunk.
        var isAtomic: Bool { self == .heading || self == .code || self == .row }
    }

    struct Piece {
        var range: Range<Int>
        var kind: Kind
        var tokens: Int
    }

    private let document: ScalarText
    private var text: [Unicode.Scalar] { document.scalars }
    private let counter: any TokenCounting
    /// The document's words, counted once; nil when the counter's words do not line up with ours.
    private let words: WordTokenTable?
    private let target: Int
    private let overlap: Int

    /// The chunk being filled: the pieces carried over as overlap first, then the new ones.
    private var pieces: [Piece] = []
    private var carried = 0
    private var tokens = 0
    /// Finished chunks: their range in `text` and their token count (the sum of their pieces').
    private(set) var chunks: [(range: Range<Int>, tokens: Int)] = []

    init(document: ScalarText, text: String, counter: any TokenCounting, options: ChunkingOptions) {
        self.document = document
        self.counter = counter
        words = WordTokenTable(document: document, text: text, counter: counter)
        target = max(1, options.targetTokens)
        // An overlap of half a chunk or more would leave almost no room for new text.
        overlap = max(0, min(options.overlapTokens, target / 2))
    }

    mutating func add(_ block: MarkdownOutline.Block) {
        let kind: Kind = switch block.kind {
        case .heading: .heading
        case .code: .code
        case .text: .text
        }
        place(piece(block.range, kind))
    }

    /// Ends the section: its last chunk is written and nothing carries over into the next section.
    mutating func finishSection() {
        emit()
        pieces = []
        carried = 0
        tokens = 0
    }

    private mutating func place(_ piece: Piece) {
        if tokens + piece.tokens <= target {
            append(piece)
            return
        }
        // A piece that fits a chunk of its own is kept whole: the chunk is closed and the next one starts with as
        // much overlap as leaves room for it. Prose keeps room for some overlap; rows, code and headings need not.
        let room = overlap > 0 && !piece.kind.isAtomic ? target - 1 : target
        if piece.tokens <= room {
            startChunk(overlapLimit: target - piece.tokens)
            append(piece)
            return
        }
        if let parts = split(piece) {
            for part in parts { place(part) }
            return
        }
        // A single word larger than a chunk: it makes an oversize chunk of its own.
        startChunk(overlapLimit: 0)
        append(piece)
    }

    private mutating func append(_ piece: Piece) {
        pieces.append(piece)
        tokens += piece.tokens
    }

    /// Writes the current chunk (if it holds anything new) and starts the next with an overlap of at most
    /// `overlapLimit` tokens; with nothing new yet, the carried overlap shrinks to the limit instead.
    private mutating func startChunk(overlapLimit: Int) {
        let limit = max(0, min(overlap, overlapLimit))
        if pieces.count > carried {
            startChunk(carrying: overlapPieces(limit: limit))
            return
        }
        while tokens > limit, carried > 0 {
            tokens -= pieces.removeFirst().tokens
            carried -= 1
        }
    }

    private mutating func startChunk(carrying carry: (pieces: [Piece], tokens: Int)) {
        emit()
        pieces = carry.pieces
        carried = carry.pieces.count
        tokens = carry.tokens
    }

    private mutating func emit() {
        guard pieces.count > carried, let first = pieces.first, let last = pieces.last else { return }
        chunks.append((first.range.lowerBound..<last.range.upperBound, tokens))
    }

    /// The whole sentences at the end of the chunk that fit in `limit` tokens; when even the last sentence is
    /// larger, its last words. Rows and code blocks are carried whole or not at all; headings and cut code stop it.
    /// Sentences are counted from the end only as far as the overlap reaches.
    private func overlapPieces(limit: Int) -> (pieces: [Piece], tokens: Int) {
        var taken: [Piece] = []
        var total = 0
        guard limit > 0 else { return ([], 0) }
        for piece in pieces.reversed() {
            switch piece.kind {
            case .heading, .codeLine:
                return (taken.reversed(), total)
            case .code, .row, .sentence, .word:
                guard total + piece.tokens <= limit else { return finishOverlap(taken, total, piece, limit: limit) }
                taken.append(piece)
                total += piece.tokens
            case .text, .line:
                for line in TextRanges.lines(text, in: piece.range).reversed() {
                    let units = isRow(line) ? [line] : TextRanges.sentences(text, in: line)
                    for unit in units.reversed() {
                        let counted = self.piece(unit, isRow(line) ? .row : .sentence)
                        guard total + counted.tokens <= limit else {
                            return finishOverlap(taken, total, counted, limit: limit)
                        }
                        taken.append(counted)
                        total += counted.tokens
                    }
                }
            }
        }
        return (taken.reversed(), total)
    }

    /// The overlap once `unit` does not fit: when nothing was taken yet and it is a sentence, its last words.
    private func finishOverlap(_ taken: [Piece], _ total: Int, _ unit: Piece, limit: Int)
        -> (pieces: [Piece], tokens: Int) {
        var taken = taken
        var total = total
        if taken.isEmpty, unit.kind == .sentence {
            for word in TextRanges.words(text, in: unit.range).reversed() {
                let counted = piece(word, .word)
                guard total + counted.tokens <= limit else { break }
                taken.append(counted)
                total += counted.tokens
            }
        }
        return (taken.reversed(), total)
    }

    /// The piece cut at the first finer level that yields more than one part; nil for a single word.
    private func split(_ piece: Piece) -> [Piece]? {
        var kind = piece.kind
        while true {
            let parts: [Range<Int>]
            let partKind: Kind
            switch kind {
            case .text:
                parts = TextRanges.lines(text, in: piece.range)
                partKind = .line
            case .code:
                parts = TextRanges.lines(text, in: piece.range)
                partKind = .codeLine
            case .line:
                parts = TextRanges.sentences(text, in: piece.range)
                partKind = .sentence
            case .heading, .row, .codeLine, .sentence:
                parts = TextRanges.words(text, in: piece.range)
                partKind = .word
            case .word:
                // A single word longer than a chunk may hold is cut into slices that one holds.
                let slice = Self.scalarsPerToken * target
                guard piece.range.count > slice else { return nil }
                return stride(from: piece.range.lowerBound, to: piece.range.upperBound, by: slice).map { start in
                    let range = start..<min(start + slice, piece.range.upperBound)
                    return Piece(range: range, kind: .word,
                                 tokens: Self.tokens(counter.tokenCount(document.string(range)), spanning: range))
                }
            }
            if parts.count > 1 {
                return parts.map { self.piece($0, partKind == .line && isRow($0) ? .row : partKind) }
            }
            kind = partKind == .line && isRow(piece.range) ? .row : partKind
        }
    }

    /// A GFM table row: a line starting with a pipe.
    private func isRow(_ line: Range<Int>) -> Bool {
        text[line.lowerBound] == "|"
    }

    private func piece(_ range: Range<Int>, _ kind: Kind) -> Piece {
        let counted = words?.tokens(in: range) ?? counter.tokenCount(document.string(range))
        return Piece(range: range, kind: kind, tokens: Self.tokens(counted, spanning: range))
    }

    /// No piece counts fewer tokens than one per `scalarsPerToken` scalars. A tokenizer counts a run of hundreds of
    /// letters without a space as one unknown token, so a chunk bounded by tokens alone could hold a hostile page's
    /// megabytes, past what PostgreSQL's tsvector takes (1 MB): that document's write failed, and with it the run's
    /// indexing, at every retry. Prose has 4 to 6 scalars per token, so its counts do not change.
    static let scalarsPerToken = 64

    private static func tokens(_ counted: Int, spanning range: Range<Int>) -> Int {
        max(counted, range.count / scalarsPerToken)
    }
}
