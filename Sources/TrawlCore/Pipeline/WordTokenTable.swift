/// A document's token counts by word, summed in order: the tokens of any run of whole words in two lookups.
///
/// The chunk packer counts a section, then its lines, sentences and words as far as it has to cut, and again the
/// sentences it carries over as overlap: the same words counted up to four times. With the table each word is
/// counted once per document. A piece whose bounds cut a word (a sentence ended by a CJK full stop inside a run
/// without spaces) is not in the table and is counted the old way.
struct WordTokenTable {
    /// Each word's first scalar, ascending.
    private let starts: [Int]
    /// Each word's end (one past its last scalar).
    private let ends: [Int]
    /// `sums[i]`: tokens in the words before word `i`.
    private let sums: [Int]

    /// The table of `document`; nil when `counter` splits words differently (its counts would not line up). The
    /// protocol asks every counter for the same words `TextRanges` finds; the count check catches one that ignores it.
    init?(document: ScalarText, text: String, counter: any TokenCounting) {
        let words = TextRanges.words(document.scalars, in: 0..<document.count)
        let counts = counter.wordTokenCounts(text)
        guard counts.count == words.count else { return nil }
        starts = words.map(\.lowerBound)
        ends = words.map(\.upperBound)
        var sums = [0]
        sums.reserveCapacity(counts.count + 1)
        for count in counts { sums.append(sums[sums.count - 1] + count) }
        self.sums = sums
    }

    /// Tokens in `range` when no word straddles either of its bounds (whitespace around them is fine); nil otherwise.
    func tokens(in range: Range<Int>) -> Int? {
        // The words that start inside the range: first ..< end.
        let first = firstWord(startingAtOrAfter: range.lowerBound)
        let end = firstWord(startingAtOrAfter: range.upperBound)
        if first > 0, ends[first - 1] > range.lowerBound { return nil }
        if end > first, ends[end - 1] > range.upperBound { return nil }
        return sums[end] - sums[first]
    }

    private func firstWord(startingAtOrAfter position: Int) -> Int {
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] < position { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
