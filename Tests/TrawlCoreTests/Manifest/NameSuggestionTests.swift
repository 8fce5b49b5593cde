import Testing
@testable import TrawlCore

@Suite struct NameSuggestionTests {
    @Test(arguments: [
        ("", "", 0), ("max_urls", "max_urls", 0), ("max_url", "max_urls", 1), ("mx_ulrs", "max_urls", 3),
        ("kitten", "sitting", 3), ("", "abc", 3), ("params", "param", 1),
    ])
    func editDistance(a: String, b: String, distance: Int) {
        #expect(NameSuggestion.editDistance(a, b) == distance)
        #expect(NameSuggestion.editDistance(b, a) == distance)
    }

    @Test func suggestsTheClosestNameWithinTwoEdits() {
        let names = ["max_urls", "max_depth", "max_age"]
        #expect(NameSuggestion.closest(to: "max_url", in: names) == "max_urls")
        #expect(NameSuggestion.closest(to: "max_dpth", in: names) == "max_depth")
        #expect(NameSuggestion.closest(to: "max_pages", in: names) == "max_age")
        #expect(NameSuggestion.closest(to: "max_pages", in: names, maximumDistance: 1) == nil)
        #expect(NameSuggestion.closest(to: "min_size", in: names) == nil)
    }

    @Test func phrasesUnknownFields() {
        #expect(NameSuggestion.unknownField("limt", expected: ["urls", "limit"]) == "unknown field 'limt' (did you mean 'limit'?)")
        #expect(NameSuggestion.unknownField("max_pages", expected: ["max_age"]) == "unknown field 'max_pages' (did you mean 'max_age'?)")
        #expect(NameSuggestion.unknownField("size", expected: ["urls", "limit"]) == "unknown field 'size'; expected one of urls, limit")
        #expect(NameSuggestion.unknownField("x", expected: []) == "unknown field 'x'; none are accepted here")
    }

    @Test func phrasesUnknownKindsWithOnlyOneEditTypos() {
        let kinds = ["max_urls", "max_depth", "max_age", "max_empty_evaluations"]
        #expect(NameSuggestion.unknownValue("kind", "max_url", expected: kinds) == "unknown kind 'max_url' (did you mean 'max_urls'?)")
        #expect(NameSuggestion.unknownValue("kind", "max_pages", expected: kinds)
            == "unknown kind 'max_pages'; expected one of max_urls, max_depth, max_age, max_empty_evaluations")
    }

    /// A megabyte key is neither compared scalar by scalar with every candidate nor quoted in full.
    @Test func aHugeNameIsCutShortAndNotCompared() {
        let huge = String(repeating: "limit", count: 200_000)
        let clock = ContinuousClock()
        let began = clock.now
        let message = NameSuggestion.unknownField(huge, expected: ["urls", "limit"])
        #expect(clock.now - began < .seconds(1))
        #expect(message.unicodeScalars.count < 200 && message.contains("…"), "\(message.prefix(300))")
        #expect(NameSuggestion.unknownField("limt", expected: ["urls", "limit"]).contains("did you mean 'limit'"))
    }
}
