import Synchronization
import Testing
import TrawlCore

/// Counts whitespace-separated words: additive over pieces, like the model's tokenizer, and easy to check by hand.
private struct WordCounter: TokenCounting {
    func tokenCount(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).count
    }
}

struct ChunkerTests {
    private func chunks(_ markdown: String, target: Int, overlap: Int) -> [Chunk] {
        Chunker(options: ChunkingOptions(targetTokens: target, overlapTokens: overlap), counter: WordCounter())
            .chunks(of: markdown)
    }

    /// A hostile page's run of a megabyte without a space is one word to a tokenizer (one unknown token), yet no chunk
    /// may hold it whole: chunks stay within 64 scalars per token of the target, and every scalar is in one.
    @Test func aMegabyteWithoutASpaceIsCutIntoBoundedChunks() {
        let word = (0..<150_000).map { "w\($0)." }.joined()
        let markdown = "# Title\n\nBefore the run. \(word) After the run.\n"
        let result = chunks(markdown, target: 64, overlap: 8)
        #expect(result.count > 1)
        #expect(result.allSatisfy { $0.text.unicodeScalars.count <= 64 * 64 + 64 }, "\(result.map(\.text.unicodeScalars.count).max() ?? 0)")
        let joined = result.map(\.text).joined()
        #expect(joined.contains("w0.w1.") && joined.contains("w149999.") && joined.contains("After the run."))
    }

    // MARK: - Properties over generated documents

    @Test(arguments: [(12, 0), (20, 3), (40, 8), (80, 16), (200, 32)])
    func propertiesHoldOverGeneratedDocuments(target: Int, overlap: Int) {
        checkProperties(target: target, overlap: overlap, counter: WordCounter(),
                        seed: UInt64(target * 1_000 + overlap))
    }

    /// A counter where one word can cost several tokens (as with WordPiece): overlap may then be empty when the
    /// last word alone exceeds it, but every other property holds.
    @Test(arguments: [(16, 4), (64, 16)])
    func propertiesHoldWithASubwordCounter(target: Int, overlap: Int) {
        checkProperties(target: target, overlap: overlap, counter: SubwordCounter(), seed: UInt64(target))
    }

    private func checkProperties(target: Int, overlap: Int, counter: some TokenCounting, seed: UInt64) {
        var generator = MarkdownDocumentGenerator(seed: seed)
        let chunker = Chunker(options: ChunkingOptions(targetTokens: target, overlapTokens: overlap), counter: counter)
        let requiresOverlap = counter is WordCounter
        for _ in 0..<150 {
            let document = generator.document(maximumCodeTokens: min(15, target - 1))
            let result = chunker.chunks(of: document.markdown)
            let scalars = Array(document.markdown.unicodeScalars)
            checkOffsetsAndCoverage(result, scalars)
            checkSizes(result, target: target, counter: counter)
            checkOverlap(result, scalars, document, overlap: overlap, counter: counter,
                         requiresOverlap: requiresOverlap)
            checkHeadingPaths(result, document)
            if requiresOverlap { checkBlocksStayWhole(result, document, target: target) }
        }
    }

    /// Offsets are exact, chunks are in order and trimmed, and every visible character is in some chunk.
    private func checkOffsetsAndCoverage(_ chunks: [Chunk], _ scalars: [Unicode.Scalar]) {
        var covered = 0
        for (position, chunk) in chunks.enumerated() {
            #expect(chunk.index == position)
            #expect(chunk.start < chunk.end && chunk.end <= scalars.count)
            #expect(String(String.UnicodeScalarView(scalars[chunk.start..<chunk.end])) == chunk.text)
            #expect(chunk.text.first?.isWhitespace == false && chunk.text.last?.isWhitespace == false)
            if position > 0 {
                #expect(chunk.start > chunks[position - 1].start && chunk.end > chunks[position - 1].end)
            }
            // Nothing visible between the end of what is covered and this chunk's start.
            if chunk.start > covered {
                #expect(scalars[covered..<chunk.start].allSatisfy { $0.properties.isWhitespace })
            }
            covered = max(covered, chunk.end)
        }
        #expect(scalars[min(covered, scalars.count)...].allSatisfy { $0.properties.isWhitespace })
    }

    /// Counts are the counter's, and within the target unless the chunk is one word too long for any chunk.
    private func checkSizes(_ chunks: [Chunk], target: Int, counter: some TokenCounting) {
        for chunk in chunks {
            #expect(chunk.tokenCount == counter.tokenCount(chunk.text))
            #expect(chunk.tokenCount <= target || !chunk.text.contains(where: \.isWhitespace), "\(chunk.text)")
        }
    }

    /// Consecutive chunks of one section share whole words (at most `overlap`); across a heading they share nothing.
    private func checkOverlap(_ chunks: [Chunk], _ scalars: [Unicode.Scalar], _ document: GeneratedDocument,
                              overlap: Int, counter: some TokenCounting, requiresOverlap: Bool) {
        for (previous, next) in zip(chunks, chunks.dropFirst()) {
            let sameSection = document.sectionIndex(before: previous.end) == document.sectionIndex(before: next.end)
            guard sameSection, overlap > 0 else {
                #expect(next.start >= previous.end, "overlap across a heading: \(next.text)")
                continue
            }
            let lastLine = previous.text.split(separator: "\n").last.map(String.init) ?? ""
            let endsWithUnit = lastLine.hasPrefix("#") || lastLine.hasPrefix("```") || lastLine.hasPrefix("|")
            if !endsWithUnit, requiresOverlap { #expect(next.start < previous.end, "no overlap before: \(next.text)") }
            guard next.start < previous.end else { continue }
            let shared = String(String.UnicodeScalarView(scalars[next.start..<previous.end]))
            #expect(counter.tokenCount(shared) <= overlap)
            #expect(scalars[next.start - 1].properties.isWhitespace, "overlap starts mid-word")
            #expect(!shared.split(separator: "\n").contains { $0.hasPrefix("#") }, "a heading as overlap")
        }
    }

    /// Each chunk's path is the stack of headings in force where it ends.
    private func checkHeadingPaths(_ chunks: [Chunk], _ document: GeneratedDocument) {
        for chunk in chunks {
            #expect(chunk.headingPath == document.headingPath(before: chunk.end), "\(chunk.text)")
        }
    }

    /// A code block or table row that fits in a chunk is never cut.
    private func checkBlocksStayWhole(_ chunks: [Chunk], _ document: GeneratedDocument, target: Int) {
        for unit in document.units where unit.tokens <= target {
            let isCut = chunks.contains { chunk in
                (chunk.start > unit.range.lowerBound && chunk.start < unit.range.upperBound)
                    || (chunk.end > unit.range.lowerBound && chunk.end < unit.range.upperBound)
            }
            let text = String(String.UnicodeScalarView(Array(document.markdown.unicodeScalars)[unit.range]))
            #expect(!isCut, "cut inside \(text) in \(chunks.map(\.text))")
        }
    }

    // MARK: - Examples

    @Test func blankInputHasNoChunks() {
        #expect(chunks("", target: 10, overlap: 2).isEmpty)
        #expect(chunks(" \n\n\t \r\n", target: 10, overlap: 2).isEmpty)
    }

    @Test func smallDocumentIsOneChunkPerSection() {
        let markdown = """
            Intro line.

            # Guide

            ## Install *quickly* with [`brew`](https://brew.sh)

            Run it.

            ## Use

            Call it.
            """
        let result = chunks(markdown, target: 50, overlap: 5)
        #expect(result.map(\.text) == [
            "Intro line.",
            "# Guide\n\n## Install *quickly* with [`brew`](https://brew.sh)\n\nRun it.",
            "## Use\n\nCall it.",
        ])
        #expect(result.map(\.headingPath) == [[], ["Guide", "Install quickly with brew"], ["Guide", "Use"]])
        #expect(result.map(\.tokenCount) == [2, 9, 4])
        #expect(result[1].start == 13 && result[2].start == markdown.unicodeScalars.count - 16)
    }

    @Test func longParagraphSplitsAtSentencesWithOverlap() {
        let markdown = "## Notes\n\nOne two three. Four five six seven. Eight nine. Ten eleven twelve thirteen."
        let result = chunks(markdown, target: 8, overlap: 3)
        // Whole sentences carry over when they fit in the overlap, else the last words do.
        #expect(result.map(\.text) == [
            "## Notes\n\nOne two three.",
            "One two three. Four five six seven.",
            "five six seven. Eight nine.",
            "seven. Eight nine. Ten eleven twelve thirteen.",
        ])
        #expect(result.allSatisfy { $0.headingPath == ["Notes"] })
    }

    @Test func codeBlockThatFitsIsNeverCutAndOneThatDoesNotIsCutAtLines() {
        let fitting = "Lead in words here.\n\n```swift\nlet a = 1\nlet b = 2\n```"
        let whole = chunks(fitting, target: 12, overlap: 4)
        // The overlap shrinks to leave the code block room.
        #expect(whole.map(\.text) == ["Lead in words here.", "words here.\n\n```swift\nlet a = 1\nlet b = 2\n```"])
        let long = "```\n" + (1...10).map { "line \($0) of code" }.joined(separator: "\n") + "\n```"
        let cut = chunks(long, target: 9, overlap: 2)
        #expect(cut.count > 1)
        #expect(cut.allSatisfy { $0.tokenCount <= 9 })
        // Cut code never serves as overlap: chunks meet at line boundaries.
        for (previous, next) in zip(cut, cut.dropFirst()) { #expect(next.start > previous.end) }
    }

    @Test func tableRowsAreNeverCut() {
        let markdown = "| a | b |\n| --- | --- |\n| one two | three four |\n| five six | seven eight |"
        let result = chunks(markdown, target: 10, overlap: 2)
        #expect(result.map(\.text) == ["| a | b |\n| --- | --- |", "| one two | three four |",
                                       "| five six | seven eight |"])
    }

    @Test func oversizeWordStandsAlone() {
        let word = String(repeating: "x", count: 50)
        let result = chunks("before words \(word) after words", target: 1, overlap: 0)
        #expect(result.map(\.text) == ["before", "words", word, "after", "words"])
        let counter = CharacterCounter()
        let long = Chunker(options: ChunkingOptions(targetTokens: 10, overlapTokens: 2), counter: counter)
            .chunks(of: "tiny \(word) end")
        #expect(long.map(\.text) == ["tiny", word, "end"])
        #expect(long[1].tokenCount == 50)
    }

    @Test func setextHeadingsAndClosingHashesAndFencedHashes() {
        let markdown = "Title\n=====\n\nText.\n\n## Sub ##\n\n```\n# not a heading\n```\n\nMore."
        let result = chunks(markdown, target: 100, overlap: 0)
        #expect(result.map(\.headingPath) == [["Title"], ["Title", "Sub"]])
        #expect(result[1].text == "## Sub ##\n\n```\n# not a heading\n```\n\nMore.")
    }

    @Test func offsetsCountUnicodeScalars() {
        let markdown = "# Café 👍🏽\r\n\r\nnaïve e\u{301} text. 日本語の文。二つ目の文。"
        let result = Chunker(options: ChunkingOptions(targetTokens: 8, overlapTokens: 0), counter: CharacterCounter())
            .chunks(of: markdown)
        let scalars = Array(markdown.unicodeScalars)
        for chunk in result {
            #expect(String(String.UnicodeScalarView(scalars[chunk.start..<chunk.end])) == chunk.text)
        }
        #expect(result.first?.headingPath == ["Café 👍🏽"])
        #expect(result.last?.text == "二つ目の文。")
        // Two sentences inside one run without spaces are counted apart, not as the run's words.
        #expect(result.allSatisfy { $0.tokenCount == CharacterCounter().tokenCount($0.text) })
    }

    /// Each word is counted once per document, not once per level the packer cuts it through.
    @Test func aDocumentsWordsAreCountedAboutOnce() {
        var generator = MarkdownDocumentGenerator(seed: 11)
        var markdown = ""
        while markdown.utf8.count < 50_000 { markdown += generator.document(maximumCodeTokens: 15).markdown + "\n\n" }
        let counter = ScalarTallyCounter()
        let result = Chunker(options: ChunkingOptions(targetTokens: 40, overlapTokens: 8), counter: counter).chunks(of: markdown)
        #expect(result.count > 50)
        let visible = markdown.unicodeScalars.filter { !$0.properties.isWhitespace }.count
        // Before the word table: each section counted whole, then its lines, sentences and overlap again (about 3×).
        #expect(counter.tallied.withLock { $0 } < visible * 5 / 4, "\(counter.tallied.withLock { $0 }) of \(visible)")
        #expect(result.allSatisfy { $0.tokenCount == WordCounter().tokenCount($0.text) })
    }

    @Test func hundredKilobytesChunkQuickly() {
        var generator = MarkdownDocumentGenerator(seed: 7)
        var markdown = ""
        while markdown.utf8.count < 100_000 { markdown += generator.document(maximumCodeTokens: 15).markdown + "\n\n" }
        let chunker = Chunker(options: ChunkingOptions(), counter: WordCounter())
        let clock = ContinuousClock()
        var result: [Chunk] = []
        let elapsed = clock.measure { result = chunker.chunks(of: markdown) }
        print("\(markdown.utf8.count / 1024) KiB of Markdown chunked into \(result.count) chunks in \(elapsed)")
        #expect(result.count > 50)
        // Not a benchmark (scripts/bench measures speed): the bound catches quadratic behaviour (minutes), with
        // room for an unoptimised build on a loaded machine.
        #expect(elapsed < .seconds(10))
    }
}

/// A token per four bytes of each word, at least one: long words cost several tokens, as with WordPiece.
/// Counts words, and tallies the visible scalars it was asked to count.
private final class ScalarTallyCounter: TokenCounting {
    let tallied = Mutex(0)

    func tokenCount(_ text: String) -> Int {
        tallied.withLock { $0 += text.unicodeScalars.filter { !$0.properties.isWhitespace }.count }
        return text.split(whereSeparator: \.isWhitespace).count
    }
}

private struct SubwordCounter: TokenCounting {
    func tokenCount(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).reduce(0) { $0 + max(1, ($1.utf8.count + 3) / 4) }
    }
}

/// Counts characters: a tokenizer under which one word can exceed a chunk.
private struct CharacterCounter: TokenCounting {
    func tokenCount(_ text: String) -> Int {
        text.filter { !$0.isWhitespace }.count
    }
}
