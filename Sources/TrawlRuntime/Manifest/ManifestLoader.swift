import Foundation
import TrawlCore
import Yams

/// Reads manifests from YAML or JSON text into typed `Manifest` values.
///
/// Both formats go through one path: Yams composes the text into nodes (JSON is a subset of YAML 1.2), the nodes
/// become a `ConfigValue` typed by the YAML 1.2 core schema (`yes` and `on` stay strings), and `Manifest` decodes that.
public enum ManifestLoader {
    /// The text formats a manifest can be written in.
    public enum Format: String, Sendable, Equatable, CaseIterable {
        case yaml
        case json

        /// The format named by a path's extension (`.yaml`, `.yml`, `.json`, any case), or nil.
        public init?(path: String) {
            switch (path as NSString).pathExtension.lowercased() {
            case "yaml", "yml": self = .yaml
            case "json": self = .json
            default: return nil
            }
        }
    }

    /// Reads, parses and decodes the manifest file at `path`, its format chosen by the extension.
    public static func load(path: String) throws(ManifestLoadError) -> Manifest {
        guard let format = Format(path: path) else { throw .unsupportedFormat(path: path) }
        let text = try read(path: path)
        do {
            return try parse(text, format: format)
        } catch {
            throw error.attributed(to: path)
        }
    }

    /// Parses and decodes manifest text.
    public static func parse(_ text: String, format: Format) throws(ManifestLoadError) -> Manifest {
        let value = try configValue(text, format: format)
        do {
            return try Manifest(from: value)
        } catch {
            throw .invalid(source: nil, error)
        }
    }

    /// The `ConfigValue` of a YAML (or JSON) document, scalars typed by the YAML 1.2 core schema.
    public static func configValue(yaml: String) throws(ManifestLoadError) -> ConfigValue {
        try configValue(yaml, format: .yaml)
    }

    /// The `ConfigValue` of a YAML (or JSON) document from someone who may be hostile (a tenant typing a manifest into
    /// the console): anchors and aliases are refused before the parser sees them (`YAMLAliasScan`).
    public static func configValue(untrustedYAML text: String) throws(ManifestLoadError) -> ConfigValue {
        if let (line, column) = YAMLAliasScan.firstAlias(in: text) {
            throw .syntax(source: nil, format: .yaml, line: line, column: column,
                          message: "anchors and aliases (& and *) are not accepted here")
        }
        return try configValue(text, format: .yaml)
    }

    /// The `ConfigValue` of a single-document text; syntax errors name the format and the position.
    static func configValue(_ text: String, format: Format) throws(ManifestLoadError) -> ConfigValue {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, YAMLNodeConverter.coreSchema)
        } catch let error as YamlError {
            throw syntaxError(error, format: format)
        } catch {
            throw .syntax(source: nil, format: format, line: 1, column: 1, message: "\(error)")
        }
        guard let root else { throw .empty(source: nil) }
        var converter = YAMLNodeConverter()
        do {
            return try converter.convert(root)
        } catch {
            throw .syntax(source: nil, format: format, line: error.mark?.line ?? 1, column: error.mark?.column ?? 1,
                          message: error.message)
        }
    }

    /// The contents of the file at `path` as UTF-8 text.
    private static func read(path: String) throws(ManifestLoadError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .fileNotFound(path: path)
        }
        guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "it is a directory") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "it is not UTF-8 text")
        }
        return text
    }

    /// A Yams error as a positioned syntax error: libyaml's problem, with its context when it gives one.
    private static func syntaxError(_ error: YamlError, format: Format) -> ManifestLoadError {
        func syntax(_ mark: Mark, _ message: String) -> ManifestLoadError {
            .syntax(source: nil, format: format, line: mark.line, column: mark.column, message: Self.wording(message))
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            guard let context else { return syntax(mark, problem) }
            return syntax(mark, "\(problem) (\(context.text) at line \(context.mark.line), column \(context.mark.column))")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return syntax(context.mark, "duplicate key \(keys) in a mapping")
        case let .reader(problem, offset, _, yaml):
            let (line, column) = position(ofCharacter: offset ?? 0, in: yaml)
            return .syntax(source: nil, format: format, line: line, column: column, message: wording(problem))
        default:
            return .syntax(source: nil, format: format, line: 1, column: 1, message: wording("\(error)"))
        }
    }

    /// libyaml's words about the document, except where they describe libyaml itself: its nesting limit names the C
    /// function that sets it, which means nothing to whoever typed the manifest.
    static func wording(_ problem: String) -> String {
        problem.hasPrefix("Maximum nesting level reached") ? "nested too deeply (at most 1,000 levels)" : problem
    }

    /// The 1-based line and column of the character at `offset`.
    private static func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character.isNewline { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}
