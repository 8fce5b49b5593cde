/// Why a WARC record could not be written.
public enum WARCError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The archive file could not be created or opened.
    case cannotOpen(path: String, reason: String)
    /// The destination refused bytes (disk full, closed pipe, closed file).
    case writeFailed(destination: String, reason: String)
    /// zlib reported an error while compressing a record.
    case compressionFailed(zlibCode: Int32)
    /// The stored request head cannot be archived as an HTTP/1.1 message.
    case malformedRequestHead(reason: String)
    /// The stored response head cannot be archived as an HTTP/1.1 message.
    case malformedResponseHead(reason: String)
    /// A WARC or warcinfo field name is not an HTTP token.
    case invalidFieldName(String)
    /// A WARC or warcinfo field value contains bytes that would corrupt the record header.
    case invalidFieldValue(name: String, value: String)

    /// A message for the person running the crawl.
    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open WARC file '\(path)': \(reason)"
        case .writeFailed(let destination, let reason):
            "cannot write WARC records to \(destination): \(reason)"
        case .compressionFailed(let code):
            "gzip compression of a WARC record failed (zlib error \(code))"
        case .malformedRequestHead(let reason):
            "cannot archive the HTTP request head: \(reason)"
        case .malformedResponseHead(let reason):
            "cannot archive the HTTP response head: \(reason)"
        case .invalidFieldName(let name):
            "'\(name)' is not a valid WARC field name (letters, digits and !#$%&'*+-.^_`|~ only)"
        case .invalidFieldValue(let name, let value):
            "the value of WARC field '\(name)' holds a character not allowed there "
                + "(a line break, a control character, or a space in a URI): \(value.debugDescription)"
        }
    }
}
