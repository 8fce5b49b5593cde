import Foundation
import TrawlCore

/// Reads typed filters out of query parameters, collecting every problem so one 422 can list them all. It notes
/// every name an endpoint asks for, so a parameter the endpoint never reads (a typo such as `status=` for
/// `statuses=`) is reported rather than silently ignored, without each endpoint keeping a list of its parameters.
struct QueryReader {
    private let parameters: QueryParameters
    /// Every problem found so far, in the order read.
    private(set) var issues: [FieldIssue] = []
    /// The names the endpoint has asked for.
    private var consulted: Set<String> = []

    /// Values one list parameter may carry: each becomes an SQL variable, and a head of 80 KiB holds 40,000 of them,
    /// past SQLite's limit of 32,766 (a 500). A page of results holds 100.
    static let maximumListValues = 100
    /// Problems one 422 lists: beyond them, a query string of thousands of bad values would make an answer of
    /// megabytes.
    static let maximumIssues = 50

    /// A reader over `parameters`.
    init(_ parameters: QueryParameters) {
        self.parameters = parameters
    }

    /// Throws the 422 listing every problem, if there was any. Call it once every parameter has been read.
    func check() throws(APIError) {
        var issues = issues
        for name in parameters.names.subtracting(consulted).sorted() where issues.count < Self.maximumIssues {
            issues.append(FieldIssue(field: name, code: "unknown_parameter", message: "this endpoint has no parameter '\(name)'"))
        }
        if !issues.isEmpty { throw APIError.validation(issues) }
    }

    /// The last value sent for `name`, if any.
    mutating func last(_ name: String) -> String? {
        consulted.insert(name)
        return parameters.last(name)
    }

    /// Every distinct value of an array parameter (see `QueryParameters.list`), of at most `maximumListValues` given.
    mutating func list(_ name: String) -> [String] {
        consulted.insert(name)
        return bounded(name, parameters.list(name))
    }

    /// Every distinct value of a list parameter, blanks kept (so a blank can be reported), of at most
    /// `maximumListValues` given.
    mutating func rawList(_ name: String) -> [String] {
        consulted.insert(name)
        return bounded(name, parameters.rawList(name))
    }

    /// `values` without repeats, or none (and a problem) when more than `maximumListValues` were given (repeats
    /// count: the OpenAPI document's `maxItems` counts what is sent).
    private mutating func bounded(_ name: String, _ values: [String]) -> [String] {
        guard values.count <= Self.maximumListValues else {
            report(name, "invalid_value", "give at most \(Self.maximumListValues) values")
            return []
        }
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }

    /// Records a problem with `field` (the first `maximumIssues` of them).
    mutating func report(_ field: String, _ code: String, _ message: String) {
        guard issues.count < Self.maximumIssues else { return }
        issues.append(FieldIssue(field: field, code: code, message: message))
    }

    /// A list of UUIDs; every malformed one is reported.
    mutating func identifiers<Tag>(_ name: String, as _: Identifier<Tag>.Type = Identifier<Tag>.self) -> [Identifier<Tag>] {
        var result: [Identifier<Tag>] = []
        for text in rawList(name) {
            if let id = Identifier<Tag>(text) {
                result.append(id)
            } else {
                report(name, "invalid_uuid", "'\(text)' is not a UUID")
            }
        }
        return result
    }

    /// A list of enum values; an unknown one is reported with the allowed values.
    mutating func values<Value: RawRepresentable & CaseIterable>(_ name: String, as _: Value.Type) -> [Value]
    where Value.RawValue == String {
        var result: [Value] = []
        // Blanks kept: `statuses=` names no status, and is refused like any other value that is not one.
        for text in rawList(name) {
            if let value = Value(rawValue: text) {
                if !result.contains(where: { $0.rawValue == value.rawValue }) { result.append(value) }
            } else {
                let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
                report(name, "invalid_value", "'\(text)' is not one of: \(allowed)")
            }
        }
        return result
    }

    /// An RFC 3339 timestamp, in any of its forms.
    mutating func timestamp(_ name: String) -> Date? {
        guard let text = last(name) else { return nil }
        guard let date = Timestamp.parse(text) else {
            report(name, "invalid_timestamp", "'\(text)' is not an RFC 3339 timestamp (e.g. 2026-01-15T09:30:00Z)")
            return nil
        }
        return date
    }

    /// The `labels[key]=value` object filter; a bare `labels=` is reported, since it names no key.
    mutating func labels() -> [String: String] {
        consulted.insert("labels")
        if parameters.values["labels"] != nil {
            report("labels", "invalid_value", "write label filters as labels[key]=value")
        }
        for key in Set(parameters.ambiguousKeys["labels"] ?? []).sorted() {
            report("labels[\(key)]", "invalid_value", "give each label filter once, as labels[\(key)]=value")
        }
        let labels = parameters.objects["labels"] ?? [:]
        if labels.count > Manifest.maximumLabels {
            report("labels", "invalid_value", "give at most \(Manifest.maximumLabels) label filters")
            return [:]
        }
        // The limits labels are stored with: a filter outside them could match nothing, and says so.
        for (key, value) in labels.sorted(by: { $0.key < $1.key })
        where !(1...200).contains(key.unicodeScalars.count) || !(1...200).contains(value.unicodeScalars.count) {
            report("labels[\(key)]", "invalid_value", "label keys and values are 1 to 200 characters")
        }
        return labels
    }

    /// A boolean flag: `true`/`false` (also `1`/`0`); absent means `false`. A blank value (`enabled=`) says
    /// neither, and is refused like any other word that is not a boolean rather than read as either.
    mutating func flag(_ name: String) -> Bool {
        guard let text = last(name) else { return false }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default:
            report(name, "invalid_value", "must be true or false")
            return false
        }
    }

    /// A boolean filter: nil when absent, so "either" stays distinct from `false`.
    mutating func optionalFlag(_ name: String) -> Bool? {
        guard last(name) != nil else { return nil }
        return flag(name)
    }

    /// An integer parameter within `range`, `defaultValue` when absent.
    mutating func limit(_ name: String, default defaultValue: Int, range: ClosedRange<Int>) -> Int {
        guard let text = last(name) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            report(name, "out_of_range", "must be an integer between \(range.lowerBound) and \(range.upperBound)")
            return defaultValue
        }
        return value
    }

    /// `per_page`: 1…100, default 10.
    mutating func perPage() -> Int {
        let range = 1...100
        guard let text = last("per_page") else { return 10 }
        guard let value = Int(text), range.contains(value) else {
            report("per_page", "out_of_range", "must be an integer between \(range.lowerBound) and \(range.upperBound)")
            return 10
        }
        return value
    }
}
