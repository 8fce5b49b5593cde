import CRE2

/// A regular expression that matches in time linear in the text, whatever the pattern: RE2.
///
/// Patterns in manifests come from tenants, and URLs from the web; a backtracking engine (ICU, PCRE, Swift Regex)
/// lets `(.*a){12}$` against a 300-byte URL burn minutes of CPU. RE2 compiles to automata instead, so it has no
/// backreferences or lookaround; those are refused when the pattern is compiled, which manifest validation does.
final class LinearRegex: Sendable {
    /// Why RE2 refused a pattern, in its words (which quote only the pattern itself).
    struct CompileError: Error, Equatable {
        let reason: String
    }

    /// The longest pattern accepted: far beyond any sensible URL rule, short enough to keep compilation cheap.
    static let maximumLength = 1_000
    /// RE2's memory cap per compiled program (its default is 8 MiB): a pattern needing more is refused, so a tenant
    /// cannot buy a large constant factor per URL with a huge program; a search whose DFA cache would exceed it
    /// falls back to the NFA, which stays linear.
    static let maximumMemory: Int64 = 256 << 10

    // RE2 objects are immutable after construction and documented safe to search from many threads at once.
    nonisolated(unsafe) private let program: OpaquePointer

    init(_ source: String) throws(CompileError) {
        guard source.utf8.count <= Self.maximumLength else {
            throw CompileError(reason: "pattern longer than \(Self.maximumLength) bytes")
        }
        var reason = [CChar](repeating: 0, count: 256)
        var source = source
        let compiled = source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { pattern in
                trawl_re2_compile(pattern.baseAddress, pattern.count, Self.maximumMemory, &reason, reason.count)
            }
        }
        guard let compiled else {
            throw CompileError(reason: String(decoding: reason.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self))
        }
        program = compiled
    }

    deinit { trawl_re2_free(program) }

    /// True when the pattern matches anywhere in `text`.
    func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { trawl_re2_search(program, $0.baseAddress, $0.count) != 0 }
        }
    }
}
