import Testing
@testable import TrawlCore

/// A document's per-word token counts, summed: whole-word ranges in two lookups, anything else left to the counter.
struct WordTokenTableTests {
    /// One token per started group of three letters in a word: words cost different amounts.
    struct TrigramCounter: TokenCounting {
        func tokenCount(_ text: String) -> Int {
            text.split(whereSeparator: \.isWhitespace).reduce(0) { $0 + ($1.unicodeScalars.count + 2) / 3 }
        }
    }

    /// A counter whose words are not whitespace runs.
    struct CharacterWords: TokenCounting {
        func tokenCount(_ text: String) -> Int { text.unicodeScalars.count }
        func wordTokenCounts(_ text: String) -> [Int] { text.unicodeScalars.map { _ in 1 } }
    }

    @Test func wholeWordRangesAddUpTheirWords() throws {
        let text = "alpha be\u{00A0}gamma\n\n  delta 日本語の文。二つ目"
        let document = ScalarText(text)
        let table = try #require(WordTokenTable(document: document, text: text, counter: TrigramCounter()))
        let words = TextRanges.words(document.scalars, in: 0..<document.count)
        #expect(words.count == 5)
        for first in words.indices {
            for last in first..<words.count {
                let range = words[first].lowerBound..<words[last].upperBound
                #expect(table.tokens(in: range) == TrigramCounter().tokenCount(document.string(range)))
            }
        }
        // Whitespace at either end changes nothing; cutting a word (a sentence inside a run without spaces) is left
        // to the counter.
        #expect(table.tokens(in: (words[1].lowerBound - 1)..<(words[2].upperBound + 2)) == table.tokens(in: words[1].lowerBound..<words[2].upperBound))
        #expect(table.tokens(in: 1..<5) == nil)
        #expect(table.tokens(in: words[0].lowerBound..<(words[0].upperBound - 1)) == nil)
        let run = words[4]
        #expect(table.tokens(in: run.lowerBound..<(run.lowerBound + 5)) == nil)
    }

    /// The counter used without a vocabulary splits where `TextRanges` does: its words add up to its count, even
    /// where grapheme clusters would glue a space to the mark after it.
    @Test func theApproximateCounterAddsUpByWord() {
        let counter = ApproximateTokenCounter()
        for text in ["a \u{301} b", "\u{600} b", "crawler politeness", "", "  ", "日本語の文 です", "x\u{85}y\u{A0}z"] {
            #expect(counter.wordTokenCounts(text).reduce(0, +) == counter.tokenCount(text), "\(text.debugDescription)")
        }
        #expect(counter.tokenCount("a \u{301} b") == 3)
        #expect(counter.tokenCount("internationalization is") == 6)
    }

    @Test func aCounterWithOtherWordsGetsNoTable() {
        let text = "two words"
        #expect(WordTokenTable(document: ScalarText(text), text: text, counter: CharacterWords()) == nil)
        #expect(WordTokenTable(document: ScalarText(""), text: "", counter: TrigramCounter())?.tokens(in: 0..<0) == 0)
    }
}
