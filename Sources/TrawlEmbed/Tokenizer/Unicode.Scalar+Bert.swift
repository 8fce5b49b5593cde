extension Unicode.Scalar {
    /// Whitespace that survives BERT's normalisation as a space: tab, newline, return and Unicode's White_Space,
    /// less the control characters among them (U+000B, U+000C, U+0085), which the normaliser drops first. This is
    /// the fast (Rust) tokenizer sentence-transformers loads, checked against it: U+2028 and U+2029 are spaces there,
    /// though the slow Python tokenizer keeps them as letters.
    var isBertWhitespace: Bool {
        // ASCII first: the Unicode property lookup is most of a token count's time, and most text is ASCII.
        if isASCII { return value == 0x20 || value == 0x09 || value == 0x0A || value == 0x0D }
        return properties.isWhitespace && !isBertControl
    }

    /// Whitespace as the chunker splits words (Unicode's White_Space, as `TextRanges` does): a superset of
    /// `isBertWhitespace`, the difference being the controls BERT drops.
    var isChunkerWhitespace: Bool {
        if isASCII { return value == 0x20 || (0x09...0x0D).contains(value) }
        return properties.isWhitespace
    }

    /// Control as BERT's tokenizer sees it: any "other" category (Cc, Cf, Cs, Co, Cn) except tab, newline, return.
    var isBertControl: Bool {
        if self == "\t" || self == "\n" || self == "\r" { return false }
        if isASCII { return value < 0x20 || value == 0x7F }
        switch properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }

    /// Punctuation as BERT's tokenizer sees it: every ASCII non-alphanumeric symbol (so `$`, `+`, `^` count too)
    /// and every Unicode punctuation category.
    var isBertPunctuation: Bool {
        switch value {
        case 33...47, 58...64, 91...96, 123...126: return true
        case 0..<128: return false
        default: break
        }
        switch properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// A CJK ideograph, which BERT treats as a word of its own (the CJK Unified Ideographs blocks and extensions,
    /// and the compatibility ideographs). Hiragana, katakana and Hangul are not in these blocks.
    var isCJKIdeograph: Bool {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F,
            0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
