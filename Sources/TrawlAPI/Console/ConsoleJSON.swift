import Foundation
import TrawlCore

/// The API's documents as values, so the console shows exactly what the API says (same fields, same rules for steps
/// and readiness) and its script reads the same names from the live endpoint.
enum ConsoleJSON {
    /// `value` as the API encodes it, read back.
    static func value(_ value: some Encodable) -> ConfigValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return .null }
        return (try? JSONReader.value(of: String(decoding: data, as: UTF8.self))) ?? .null
    }

    /// A run as the API shows it.
    static func run(_ run: Run) -> ConfigValue {
        (try? JSONReader.value(of: String(decoding: document(run).bytes, as: UTF8.self))) ?? .null
    }

    /// A run's document as the API writes it.
    static func document(_ run: Run) -> JSONWriter {
        var json = JSONWriter()
        RunResource(run).write(to: &json)
        return json
    }

    /// The value at a dotted `path` ("progress.fetched"); steps are found by name ("steps.fetch.status").
    static func at(_ value: ConfigValue, _ path: String) -> ConfigValue {
        var current = value
        var keys = path.split(separator: ".").map(String.init)[...]
        while let key = keys.popFirst() {
            switch current {
            case .object(let fields): current = fields.first { $0.0 == key }?.1 ?? .null
            case .array(let items):
                current = items.first { if case .string(key) = at($0, "name") { true } else { false } } ?? .null
            default: return .null
            }
        }
        return current
    }

    /// A value as the console prints it: numbers with separators, absent as "–".
    static func text(_ value: ConfigValue) -> String {
        switch value {
        case .null: "–"
        case .bool(let flag): flag ? "yes" : "no"
        case .int(let number): number.formatted()
        case .double(let number): number.formatted()
        case .string(let text): text
        case .array, .object: compact(value)
        }
    }

    /// A value as compact JSON.
    static func compact(_ value: ConfigValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// A value as indented JSON, keys in the document's order.
    static func pretty(_ value: ConfigValue, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .object(let fields) where !fields.isEmpty:
            let lines = fields.map { "\(inner)\(compact(.string($0.0))): \(pretty($0.1, indent: inner))" }
            return "{\n" + lines.joined(separator: ",\n") + "\n\(indent)}"
        case .array(let items) where !items.isEmpty:
            return "[\n" + items.map { inner + pretty($0, indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        default:
            return compact(value)
        }
    }

    /// The items of an array value.
    static func items(_ value: ConfigValue) -> [ConfigValue] {
        if case .array(let items) = value { items } else { [] }
    }

    /// The text of a string value.
    static func string(_ value: ConfigValue) -> String? {
        if case .string(let text) = value { text } else { nil }
    }
}
