import TrawlCore

/// A short passage of a chunk around the query's words, HTML-escaped, with them in `<mark>`…`</mark>`: what semantic
/// hits show, since they come without a full-text match to cut a snippet from.
enum Snippet {
    /// About `length` characters of `text` starting near the first query word found (the start when none is).
    static func make(_ text: String, highlighting query: String, length: Int = 240) -> String {
        let words = Set(query.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init).filter { $0.count > 2 })
        let characters = Array(text)
        let lowered = Array(text.lowercased())
        var start = 0
        if lowered.count == characters.count, let first = firstMatch(of: words, in: lowered) {
            start = max(0, first - length / 4)
        }
        let end = min(characters.count, start + length)
        var output = start > 0 ? "…" : ""
        var index = start
        while index < end {
            if lowered.count == characters.count, isWordStart(index, in: lowered),
               let word = words.first(where: { matches($0, at: index, in: lowered) }) {
                output += String(Highlight.open) + String(characters[index..<index + word.count]) + String(Highlight.close)
                index += word.count
            } else {
                output.append(characters[index])
                index += 1
            }
        }
        if end < characters.count { output += "…" }
        return Highlight.html(output)
    }

    private static func firstMatch(of words: Set<String>, in text: [Character]) -> Int? {
        text.indices.first { index in isWordStart(index, in: text) && words.contains { matches($0, at: index, in: text) } }
    }

    private static func isWordStart(_ index: Int, in text: [Character]) -> Bool {
        index == 0 || !(text[index - 1].isLetter || text[index - 1].isNumber)
    }

    private static func matches(_ word: String, at index: Int, in text: [Character]) -> Bool {
        let characters = Array(word)
        guard index + characters.count <= text.count else { return false }
        return Array(text[index..<index + characters.count]) == characters
    }
}
