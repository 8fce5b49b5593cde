import Foundation
import TrawlCore

/// A run's labels, read on every list: through `JSONReader` (a run's counters and pipeline progress read themselves,
/// `RunProgress(json:)` and `PipelineProgress(json:)`).
extension RowCoding {
    /// The labels `RowCoding.json` wrote. A column of another shape is read by `JSONDecoder` after all, so an unusual
    /// row costs time, never a wrong value.
    static func labels(json: String) throws -> [String: String] {
        if let value = try? JSONReader.value(of: json), let labels = Self.labels(value) { return labels }
        return try decode([String: String].self, json: json)
    }

    /// Labels from an object of strings; nil for anything else, a key given twice included (`JSONDecoder` decides).
    static func labels(_ value: ConfigValue) -> [String: String]? {
        guard case .object(let pairs) = value else { return nil }
        var labels: [String: String] = [:]
        for (key, value) in pairs {
            guard case .string(let text) = value else { return nil }
            guard labels.updateValue(text, forKey: key) == nil else { return nil }
        }
        return labels
    }
}
