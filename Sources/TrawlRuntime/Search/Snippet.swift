import TrawlCore

/// A short passage of a chunk around the query's words, HTML-escaped, with them in `<mark>`…`</mark>`: what semantic
/// hits show, since they come without a full-text match to cut a snippet from.
///
/// Made only for the results a search returns, and in time linear in the chunk: the query's words are those full-text
/// search reads (at most `SearchStopWords.maximumQueryWords`), looked up by their first letter, so a query of hundreds
/// of words over a long chunk costs what a short one does.
enum Snippet {
    /// About `length` characters of `text` starting near the first query word found (the start when none is).
    static func make(_ text: String, highlighting query: String, length: Int = 240) -> String {
        let words = Words(query)
        let characters = Array(text)
        let lowered = Array(text.lowercased())
        // Lowercasing can change the count (a dotted İ becomes two); then matches cannot be placed, only text cut.
        let searchable = lowered.count == characters.count && !words.isEmpty
        var start = 0
        if searchable, let first = lowered.indices.first(where: { words.match(at: $0, in: lowered) != nil }) {
            start = max(0, first - length / 4)
        }
        let end = min(characters.count, start + length)
        var output = start > 0 ? "…" : ""
        var index = start
        while index < end {
            if searchable, let count = words.match(at: index, in: lowered) {
                output += String(Highlight.open) + String(characters[index..<index + count]) + String(Highlight.close)
                index += count
            } else {
                output.append(characters[index])
                index += 1
            }
        }
        if end < characters.count { output += "…" }
        return Highlight.html(output)
    }

    /// The query's words longer than two letters, by first letter, longest first (so "parse" does not cut "parser").
    struct Words {
        private let byFirst: [Character: [[Character]]]

        init(_ query: String) {
            var byFirst: [Character: [[Character]]] = [:]
            for word in Set(SearchStopWords.queryWords(query)) where word.count > 2 {
                let characters = Array(word)
                byFirst[characters[0], default: []].append(characters)
            }
            self.byFirst = byFirst.mapValues { $0.sorted { $0.count > $1.count } }
        }

        var isEmpty: Bool { byFirst.isEmpty }

        /// The length of the query word starting a word of `text` at `index`, if one does.
        func match(at index: Int, in text: [Character]) -> Int? {
            guard let candidates = byFirst[text[index]] else { return nil }
            if index > 0, text[index - 1].isLetter || text[index - 1].isNumber { return nil }
            for word in candidates where index + word.count <= text.count
                && text[index..<index + word.count].elementsEqual(word) {
                return word.count
            }
            return nil
        }
    }
}
