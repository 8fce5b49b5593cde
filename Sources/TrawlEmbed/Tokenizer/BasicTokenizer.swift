import Foundation

/// BERT's text normalisation and word split, the step before WordPiece (the model's `BertNormalizer` with
/// lower-casing and accent stripping, then `BertPreTokenizer`), working on Unicode scalars.
enum BasicTokenizer {
    /// Calls `body` with each word of `text` (cleaned, lower-cased, accents stripped, split on whitespace and around
    /// punctuation and CJK ideographs), as slices of one normalised buffer so that counting a page's tokens
    /// allocates nothing per word; `body` returns false to stop.
    static func forEachWord(in text: String, _ body: (ArraySlice<Unicode.Scalar>) -> Bool) {
        forEachWord(inNormalized: normalize(text)[...], body)
    }

    /// `forEachWord(in:_:)` over scalars `normalize` already produced (all of them, or a stretch between spaces).
    static func forEachWord(inNormalized scalars: ArraySlice<Unicode.Scalar>, _ body: (ArraySlice<Unicode.Scalar>) -> Bool) {
        var start = scalars.startIndex
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar.isBertWhitespace {
                if start < index, !body(scalars[start..<index]) { return }
                start = index + 1
            } else if scalar.isBertPunctuation || scalar.isCJKIdeograph {
                // Padding CJK ideographs with spaces and isolating punctuation have the same effect on the split.
                if start < index, !body(scalars[start..<index]) { return }
                if !body(scalars[index...index]) { return }
                start = index + 1
            }
            index += 1
        }
        if start < scalars.endIndex { _ = body(scalars[start...]) }
    }

    /// Cleans, decomposes, strips non-spacing marks and lower-cases, in the reference normaliser's order.
    static func normalize(_ text: String) -> [Unicode.Scalar] {
        var cleaned: [Unicode.Scalar] = []
        cleaned.reserveCapacity(text.utf8.count)
        var isASCII = true
        for scalar in text.unicodeScalars {
            // Controls go before whitespace is looked at: U+000B, U+000C and U+0085 are White_Space and controls,
            // and the reference drops them, joining the words on either side.
            if scalar.value == 0 || scalar.value == 0xFFFD || scalar.isBertControl {
                continue
            }
            // Every whitespace becomes a plain space, so the split below needs only one test.
            cleaned.append(scalar.isBertWhitespace ? " " : scalar)
            isASCII = isASCII && scalar.isASCII
        }
        if isASCII {
            // NFD and mark stripping leave ASCII unchanged; lower-casing is a byte operation.
            return cleaned.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: cleaned)
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(cleaned.count)
        for scalar in String(view).decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            let lower = scalar.properties.lowercaseMapping
            if lower.unicodeScalars.count == 1, lower.unicodeScalars.first == scalar {
                result.append(scalar)
            } else {
                result.append(contentsOf: lower.unicodeScalars)
            }
        }
        return result
    }
}
