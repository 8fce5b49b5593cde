import Foundation

/// A query string decoded once: repeated and `name[]` parameters gathered into lists, `name[key]` into objects.
struct QueryParameters: Sendable {
    /// Values by parameter name (without `[]`), in the order sent.
    private(set) var values: [String: [String]] = [:]
    /// `name[key]=value` parameters: key → value by name.
    private(set) var objects: [String: [String: String]] = [:]
    /// `name[key]` parameters given twice, or without `=`: ambiguous, so the reader refuses them.
    private(set) var ambiguousKeys: [String: [String]] = [:]

    /// Decodes `query` (without the `?`). `+` stays a plus sign, so timestamp offsets like `+02:00` survive
    /// unencoded; a malformed percent escape is a 400.
    init(query: String?) throws(APIError) {
        guard let query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts[0].removingPercentEncoding,
                  let value = (parts.count > 1 ? String(parts[1]) : "").removingPercentEncoding
            else { throw APIError.badRequest("the query string contains a malformed percent escape") }
            add(name: name, value: value, hasValue: parts.count > 1)
        }
    }

    private mutating func add(name: String, value: String, hasValue: Bool) {
        // By scalar, not by Character: a combining mark after `[` (`labels[\u{301}]`) joins it into one Character.
        let scalars = name.unicodeScalars
        guard let open = scalars.firstIndex(of: "["), scalars.last == "]" else {
            values[name, default: []].append(value)
            return
        }
        let base = String(scalars[..<open])
        let key = String(scalars[scalars.index(after: open)..<scalars.index(before: scalars.endIndex)])
        if key.isEmpty {
            values[base, default: []].append(value)
        } else {
            // `labels[team]=a&labels[team]=b` cannot mean both, and `labels[team]` alone means nothing.
            if objects[base]?[key] != nil || !hasValue { ambiguousKeys[base, default: []].append(key) }
            objects[base, default: [:]][key] = value
        }
    }

    /// Every parameter name sent (`labels` for `labels[key]=…`).
    var names: Set<String> { Set(values.keys).union(objects.keys) }

    /// The last value sent for `name`, if any.
    func last(_ name: String) -> String? {
        values[name]?.last
    }

    /// Every value of an array parameter: repeated, bracketed and comma-separated forms alike, blanks dropped.
    func list(_ name: String) -> [String] {
        rawList(name).filter { !$0.isEmpty }
    }

    /// Like `list`, blanks kept, for values whose format a blank violates (UUIDs).
    func rawList(_ name: String) -> [String] {
        (values[name] ?? []).flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
