/// A short fingerprint of one list — endpoint path, tenant and normalised filters — that a cursor carries, so a
/// cursor presented to another list is refused instead of paging it from a wrong position.
struct ListBinding: Equatable, Sendable {
    /// 16 hex digits.
    let fingerprint: String

    /// The fingerprint of `path` for `tenant` with `filters` (each `name=value,value` with values sorted).
    init(path: String, tenant: String, filters: [String]) {
        let canonical = ([path, tenant] + filters.sorted()).joined(separator: "\n")
        fingerprint = Self.fnv1a(canonical)
    }

    /// FNV-1a: stable across processes (Swift's `Hasher` is seeded per run), so cursors survive restarts.
    private static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
