import Foundation

/// Domain-to-ASCII for hosts: a compact subset of UTS #46 as the WHATWG URL standard applies it
/// (non-transitional, no STD3 rules, no DNS length checks).
///
/// Mapping uses Unicode compatibility normalisation (NFKC) plus lower-casing, which agrees with the
/// UTS #46 table for what appears in real links (full-width letters, ligatures, accented capitals)
/// without carrying the table. Bidi and joiner rules are not checked.
enum IDNA {
    /// Converts a percent-decoded, UTF-8 host with non-ASCII bytes to its ASCII form; nil when it
    /// cannot be converted (invalid UTF-8, a disallowed code point, nothing left after mapping).
    static func toASCII(_ utf8: [UInt8]) -> [UInt8]? {
        guard let unicode = String(validating: utf8, as: UTF8.self) else { return nil }
        let mapped = map(unicode)

        var output = [UInt8]()
        output.reserveCapacity(mapped.utf8.count + 8)
        var label = [Unicode.Scalar]()
        var labelIsASCII = true
        func flushLabel() -> Bool {
            if labelIsASCII {
                output.append(contentsOf: label.map { UInt8($0.value) })
            } else {
                // A label that claims to be encoded already must be ASCII.
                guard !label.starts(with: "xn--".unicodeScalars), !startsWithMark(label),
                    let encoded = Punycode.encode(label)
                else { return false }
                output.append(contentsOf: "xn--".utf8)
                output.append(contentsOf: encoded.utf8)
            }
            label.removeAll(keepingCapacity: true)
            labelIsASCII = true
            return true
        }
        for scalar in mapped.unicodeScalars {
            if isLabelSeparator(scalar) {
                guard flushLabel() else { return nil }
                output.append(UInt8(ascii: "."))
            } else if !isIgnored(scalar) {
                guard scalar.isASCII || !isDisallowed(scalar) else { return nil }
                label.append(scalar)
                if !scalar.isASCII { labelIsASCII = false }
            }
        }
        guard flushLabel(), !output.isEmpty else { return nil }
        return output
    }

    /// Whether every "xn--" label of an ASCII host decodes to a valid non-ASCII label, as UTS #46
    /// requires: "xn--", "xn--a" or an encoded label that mapping would change are not real names.
    static func hasValidACELabels(_ host: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start < host.count {
            var end = start
            while end < host.count, host[end] != UInt8(ascii: ".") { end += 1 }
            if end - start >= 4, URLByte.lowercased(host[start]) == UInt8(ascii: "x"),
                URLByte.lowercased(host[start + 1]) == UInt8(ascii: "n"),
                host[start + 2] == UInt8(ascii: "-"), host[start + 3] == UInt8(ascii: "-"),
                !isValidACELabel(host[(start + 4)..<end])
            {
                return false
            }
            start = end + 1
        }
        return true
    }

    private static func isValidACELabel(_ encoded: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        // Hosts are lower-cased before this check in the standard, and Punycode keeps case.
        guard let scalars = Punycode.decode(encoded.lazy.map { URLByte.lowercased($0) }),
            scalars.contains(where: { !$0.isASCII }), !startsWithMark(scalars)
        else { return false }
        var decoded = ""
        decoded.unicodeScalars.append(contentsOf: scalars)
        let isUnchangedByMapping = map(decoded) == decoded
        return isUnchangedByMapping
            && !scalars.contains { isLabelSeparator($0) || isIgnored($0) || (!$0.isASCII && isDisallowed($0)) }
    }

    /// UTS #46 mapping, approximated: compatibility decomposition, lower case, canonical composition.
    /// Normalised on both sides of the case mapping: NFKC can produce upper case ("Ａ" → "A") and
    /// lower-casing can leave a sequence that composes.
    private static func map(_ unicode: String) -> String {
        unicode.precomposedStringWithCompatibilityMapping.lowercased().precomposedStringWithCanonicalMapping
    }

    /// UTS #46 validity: a label must not begin with a combining mark.
    private static func startsWithMark(_ label: [Unicode.Scalar]) -> Bool {
        switch label.first?.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    /// "." and the ideographic and full-width full stops, which UTS #46 maps to ".".
    private static func isLabelSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E, 0x3002, 0xFF0E, 0xFF61: true
        default: false
        }
    }

    /// Code points UTS #46 maps to nothing: invisible in a link, so they must not change the host.
    private static func isIgnored(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AD, 0x034F, 0x180B...0x180F, 0x200B, 0x2060, 0x2064, 0xFE00...0xFE0F, 0xFEFF,
            0x1BCA0...0x1BCA3, 0xE0100...0xE01EF:
            true
        default: false
        }
    }

    /// Non-ASCII code points UTS #46 disallows, by general category: unassigned (including
    /// noncharacters), private use, controls, separators and invisible formatting other than the
    /// joiners; plus the replacement character, which means the host was not valid UTF-8.
    private static func isDisallowed(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value == 0xFFFD { return true }
        switch scalar.properties.generalCategory {
        case .unassigned, .privateUse, .surrogate, .control, .spaceSeparator, .lineSeparator, .paragraphSeparator:
            return true
        case .format:
            return scalar.value != 0x200C && scalar.value != 0x200D
        default:
            return false
        }
    }
}
