import Foundation
import TrawlCore

/// Builds the canonical text of a filter set that a `ListBinding` fingerprints; empty filters add nothing, so
/// `statuses=` and no `statuses` at all bind alike.
struct FilterLines {
    private(set) var lines: [String] = []

    /// Adds `name` with its values as a set (order and repeats do not change what is listed).
    func list(_ name: String, _ values: [String]) -> FilterLines {
        guard !values.isEmpty else { return self }
        var copy = self
        // Percent-escaping the separators keeps `a,b` as one value distinct from `a` plus `b`.
        let escaped = Set(values).sorted().map { $0.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: ",", with: "%2C") }
        copy.lines.append("\(name)=\(escaped.joined(separator: ","))")
        return copy
    }

    /// Adds a timestamp at full precision.
    func date(_ name: String, _ date: Date?) -> FilterLines {
        guard let date else { return self }
        var copy = self
        copy.lines.append("\(name)=\(date.timeIntervalSinceReferenceDate)")
        return copy
    }

    /// Adds the label pairs, sorted by key.
    func labels(_ labels: [String: String]) -> FilterLines {
        var copy = self
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
            copy = copy.list("labels[\(key)]", [value])
        }
        return copy
    }
}
