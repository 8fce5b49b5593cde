import TrawlCore

/// Why a manifest file or text could not be loaded, phrased for the person who wrote it.
public enum ManifestLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing exists at the path.
    case fileNotFound(path: String)
    /// The file exists but could not be read as UTF-8 text.
    case unreadable(path: String, reason: String)
    /// The file's extension names no manifest format.
    case unsupportedFormat(path: String)
    /// The text holds no document at all (empty, or only comments).
    case empty(source: String?)
    /// The text is not valid YAML/JSON, or uses YAML that manifests do not support; line and column count from 1.
    case syntax(source: String?, format: ManifestLoader.Format, line: Int, column: Int, message: String)
    /// The text parsed, but is not a valid manifest.
    case invalid(source: String?, ManifestError)

    /// One line per problem; positions as `file:line:column` when the text came from a file.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "manifest file not found: \(path)"
        case .unreadable(let path, let reason):
            return "cannot read manifest file \(path): \(reason)"
        case .unsupportedFormat(let path):
            return "cannot tell the format of \(path): name it .yaml, .yml or .json"
        case .empty(let source):
            return "\(source.map { "\($0): " } ?? "")the manifest is empty"
        case let .syntax(source, format, line, column, message):
            let position = source.map { "\($0):\(line):\(column)" } ?? "line \(line), column \(column)"
            return "\(position): invalid \(format.rawValue.uppercased()): \(message)"
        case let .invalid(source, error):
            let lines = error.issues.map { "  \($0)" }.joined(separator: "\n")
            return "\(source.map { "\($0): " } ?? "")invalid manifest:\n\(lines)"
        }
    }

    /// The same error attributed to the file `source`.
    func attributed(to source: String) -> ManifestLoadError {
        switch self {
        case .empty: .empty(source: source)
        case let .syntax(_, format, line, column, message):
            .syntax(source: source, format: format, line: line, column: column, message: message)
        case let .invalid(_, error): .invalid(source: source, error)
        case .fileNotFound, .unreadable, .unsupportedFormat: self
        }
    }
}
