import Foundation
import Testing
import TrawlCore
@testable import TrawlEmbed

@Suite struct WordPieceTokenizerTests {
    static let tokenizer: Result<WordPieceTokenizer, EmbedError> = Result { () throws(EmbedError) in
        let directory = try ReferenceFixture.modelDirectory()
        return try WordPieceTokenizer(vocabularyFile: directory + "/vocab.txt")
    }

    @Test("gives the reference ids for every reference text", arguments: ReferenceFixture.cases)
    func referenceIDs(_ reference: ReferenceFixture.Case) throws {
        let tokenizer = try Self.tokenizer.get()
        #expect(tokenizer.encode(reference.text) == reference.tokens, "text \(reference.id): \(reference.text.debugDescription)")
    }

    @Test("counts tokens without specials and without truncation")
    func tokenCount() throws {
        let tokenizer = try Self.tokenizer.get()
        #expect(tokenizer.tokenCount("") == 0)
        #expect(tokenizer.tokenCount("web crawler") == 3)
        let long = ReferenceFixture.cases.first { $0.truncated }!
        #expect(tokenizer.tokenCount(long.text) > 254)
        #expect(tokenizer.encode(long.text).count == 256)
    }

    @Test("the allocation-free count agrees with the ids, on every reference text and on mixed scripts and symbols")
    func countMatchesIDs() throws {
        let tokenizer = try Self.tokenizer.get()
        var texts = ReferenceFixture.cases.map(\.text)
        texts += ["Grüße, naïve café — 東京タワー! x=1+2; e-mail: a@b.c", "\u{0}\u{FFFD}\t\u{2028}tab\u{85}", "(((", "",
                  String(repeating: "z", count: 150) + " end", "snake_case_name CamelCase 3.14159 $HOME ~/x"]
        for text in texts {
            #expect(tokenizer.tokenCount(text) == tokenizer.pieceIDs(text).count, "\(text.debugDescription)")
        }
    }

    @Test("per-word counts: one per whitespace-separated word, each the word's own count, adding up to the text's")
    func wordCountsAddUp() throws {
        let tokenizer = try Self.tokenizer.get()
        var texts = ReferenceFixture.cases.map(\.text)
        texts += ["Grüße, naïve café — 東京タワー! x=1+2; e-mail: a@b.c", "a \u{0} b\u{7F}c  \u{3000}d", "\u{0}\u{FFFD}",
                  "  leading and trailing  ", "", "ÉCOLE École e\u{301}cole", "CamelCase(arg)[0]...done!? 3.14",
                  String(repeating: "z", count: 150) + " end", "日本語の文。二つ目の文。 한국어 텍스트",
                  "a\u{2000}b\u{2028}c\u{2029}d", "\u{0} \u{0}x \u{FFFD}", "Straße ÉTÉ naïve"]
        for text in texts {
            // The one-pass reading lines up (not the word-by-word fallback).
            let counts = try #require(tokenizer.countsByStretch(text), "\(text.debugDescription)")
            #expect(counts == tokenizer.wordTokenCounts(text))
            let words = text.unicodeScalars.split(whereSeparator: \.properties.isWhitespace).map { String(String.UnicodeScalarView($0)) }
            #expect(counts == words.map(tokenizer.tokenCount), "\(text.debugDescription)")
            #expect(counts.reduce(0, +) == tokenizer.tokenCount(text), "\(text.debugDescription)")
        }
    }

    /// Texts with the separators BERT's normaliser treats unlike Unicode (U+000B, U+000C and U+0085 dropped as
    /// controls, joining their neighbours; U+2028 and U+2029 spaces), with the ids of the fast tokenizer that
    /// sentence-transformers loads (`tokenizers.BertWordPieceTokenizer` over the model's vocab.txt).
    static let separatorCases: [(text: String, tokens: [Int32])] = {
        guard let url = Bundle.module.url(forResource: "tokenizer-reference", withExtension: "jsonl", subdirectory: "Fixtures"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        struct Line: Decodable { var text: String; var tokens: [Int32] }
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
            .map { ($0.text, $0.tokens) }
    }()

    @Test("gives the fast reference tokenizer's ids for texts with unusual separators")
    func separatorReferenceIDs() throws {
        let tokenizer = try Self.tokenizer.get()
        #expect(Self.separatorCases.count == 7)
        for (text, tokens) in Self.separatorCases {
            #expect(tokenizer.encode(text) == tokens, "\(text.debugDescription)")
            // The chunker's words still line up, and add up to the text's count.
            let counts = try #require(tokenizer.countsByStretch(text), "\(text.debugDescription)")
            #expect(counts.count == text.unicodeScalars.split(whereSeparator: \.properties.isWhitespace).count)
            #expect(counts.reduce(0, +) == tokenizer.tokenCount(text), "\(text.debugDescription)")
        }
    }

    @Test("words joined by a dropped control are counted once, on the first of them")
    func droppedControlsJoinWords() throws {
        let tokenizer = try Self.tokenizer.get()
        // "b\u{85}c\u{0B}d" is one word to BERT ("bcd") and three to the chunker.
        #expect(tokenizer.wordTokenCounts("a b\u{85}c\u{0B}d") == [1, tokenizer.tokenCount("bcd"), 0, 0])
        #expect(tokenizer.tokenCount("un\u{0B}believable") == tokenizer.tokenCount("unbelievable"))
    }

    @Test("lookups match pieces byte for byte; a repeated token keeps its last id")
    func vocabularyLookupsConfirmTheirBytes() {
        let vocabulary = Vocabulary(tokens: ["[UNK]", "[CLS]", "[SEP]", "crawl", "##er", "er", "crawl"])
        #expect(vocabulary.id(of: "crawl") == 6)  // a repeated token keeps its last id
        #expect(vocabulary.id(of: "##er") == 4 && vocabulary.id(of: "er") == 5)
        #expect(vocabulary.id(of: "##crawl") == nil && vocabulary.id(of: "crawle") == nil)
        #expect(vocabulary.id(ofPiece: Array("er".utf8)[...], continuing: true) == 4)
    }

    @Test("greedy longest match with ## continuations; a word over 100 scalars or with an unspellable rest is one [UNK]")
    func greedyPieces() throws {
        let vocabulary = Vocabulary(tokens: ["[UNK]", "[CLS]", "[SEP]", "un", "una", "##ff", "##able", "##a", "a", "##b"])
        let tokenizer = try WordPieceTokenizer(vocabulary: vocabulary)
        #expect(tokenizer.pieceIDs("unaffable") == [4, 5, 6])
        #expect(tokenizer.pieceIDs("unaffablez una") == [0, 4])
        #expect(tokenizer.pieceIDs(String(repeating: "a", count: 100)).count == 100)
        #expect(tokenizer.pieceIDs(String(repeating: "a", count: 101)) == [0])
        #expect(tokenizer.encode("a a a") == [1, 8, 8, 8, 2])
        let short = try WordPieceTokenizer(vocabulary: vocabulary, maximumSequenceLength: 4)
        #expect(short.encode("a a a") == [1, 8, 8, 2])
    }

    @Test("normalisation drops controls, maps whitespace, strips accents and lower-cases")
    func normalisation() {
        #expect(String(String.UnicodeScalarView(BasicTokenizer.normalize("A\u{0}b\u{7}\u{FFFD}\u{200B}c\u{A0}É"))) == "abc e")
        var words: [String] = []
        BasicTokenizer.forEachWord(in: "x,y 東京") { word in
            words.append(String(String.UnicodeScalarView(word)))
            return true
        }
        #expect(words == ["x", ",", "y", "東", "京"])
    }

    @Test("vocabulary matches pieces byte for byte, keeping the last id of a repeated token")
    func vocabulary() {
        let vocabulary = Vocabulary(tokens: ["[UNK]", "\u{1112}\u{1161}", "\u{D558}", "##a", "a", "a"])
        #expect(vocabulary.id(of: "\u{D558}") == 2)
        #expect(vocabulary.id(of: "\u{1112}\u{1161}") == 1)
        #expect(vocabulary.id(of: "##a") == 3)
        #expect(vocabulary.id(of: "a") == 5)
        #expect(vocabulary.id(of: "b") == nil)
    }
}
