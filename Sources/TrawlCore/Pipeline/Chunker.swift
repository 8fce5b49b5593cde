/// Cuts a document's Markdown into chunks sized for the embedding model, along its structure: sections (by
/// heading) first, then blocks, lines, sentences and, as a last resort, words. Consecutive pieces of a section are
/// packed up to `targetTokens`, and each chunk after the first of its section begins with the end of the previous
/// one (`overlapTokens`). Chunk text is an exact slice of the input, located by Unicode scalar offsets.
///
/// Token counts add up piece by piece, which holds for any counter that splits on whitespace first (WordPiece
/// does): each word is counted once, and a piece or chunk is the sum of its words.
public struct Chunker: Sendable {
    /// The target size and overlap, in the counter's tokens.
    public let options: ChunkingOptions
    private let counter: any TokenCounting

    /// A chunker sizing chunks with `counter`.
    public init(options: ChunkingOptions, counter: any TokenCounting) {
        self.options = options
        self.counter = counter
    }

    /// The chunks of `markdown`, in document order; none for blank input.
    public func chunks(of markdown: String) -> [Chunk] {
        let document = ScalarText(markdown)
        let outline = MarkdownOutline(document.scalars)
        var packer = ChunkPacker(document: document, text: markdown, counter: counter, options: options)
        for section in outline.sections {
            for block in section { packer.add(block) }
            packer.finishSection()
        }
        return packer.chunks.enumerated().map { index, chunk in
            Chunk(index: index, text: document.string(chunk.range),
                  headingPath: outline.path(before: chunk.range.upperBound),
                  start: chunk.range.lowerBound, end: chunk.range.upperBound, tokenCount: chunk.tokens)
        }
    }
}
