/// Messages for unknown names: "did you mean" hints for misspelt fields, the accepted list for kinds and values.
enum NameSuggestion {
    /// Field names further than this many edits away are not offered: past that a hint is more noise than help.
    static let maximumDistance = 2

    /// Kind names share prefixes (`max_urls`, `max_age`), so two edits often lead to a different word, not a typo:
    /// 'max_pages' is two edits from 'max_age'. Kinds and values are offered only one edit away, else listed.
    static let maximumValueDistance = 1

    /// The closest of `candidates` to `name` within `maximumDistance` edits, or nil.
    static func closest(to name: String, in candidates: [String], maximumDistance: Int = maximumDistance) -> String? {
        var best: (name: String, distance: Int)?
        let length = name.unicodeScalars.count
        // The distance is at least the difference in length: a name far longer than every candidate (a megabyte key
        // in a posted body) is not compared scalar by scalar with each.
        for candidate in candidates where abs(candidate.unicodeScalars.count - length) <= maximumDistance {
            let distance = editDistance(name, candidate)
            if distance <= maximumDistance, distance < best?.distance ?? .max { best = (candidate, distance) }
        }
        return best?.name
    }

    /// "unknown field 'x' (did you mean 'y'?)", or "unknown field 'x'; expected one of a, b" without a close name.
    static func unknownField(_ name: String, expected candidates: [String]) -> String {
        let shown = Self.shown(name)
        if let suggestion = closest(to: name, in: candidates) {
            return "unknown field '\(shown)' (did you mean '\(suggestion)'?)"
        }
        if candidates.isEmpty { return "unknown field '\(shown)'; none are accepted here" }
        return "unknown field '\(shown)'; expected one of \(candidates.joined(separator: ", "))"
    }

    /// "unknown kind 'x' (did you mean 'y'?)" for a one-edit typo, else "unknown kind 'x'; expected one of a, b".
    static func unknownValue(_ noun: String, _ name: String, expected candidates: [String]) -> String {
        let shown = Self.shown(name)
        if let suggestion = closest(to: name, in: candidates, maximumDistance: maximumValueDistance) {
            return "unknown \(noun) '\(shown)' (did you mean '\(suggestion)'?)"
        }
        return "unknown \(noun) '\(shown)'; expected one of \(candidates.joined(separator: ", "))"
    }

    /// A name as a message quotes it: at most 100 scalars, so that an error about a huge key is not as huge.
    static func shown(_ name: String) -> String {
        let scalars = name.unicodeScalars
        guard scalars.count > 100 else { return name }
        return String(String.UnicodeScalarView(scalars.prefix(100))) + "…"
    }

    /// Levenshtein distance over Unicode scalars (insertions, deletions, substitutions).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
