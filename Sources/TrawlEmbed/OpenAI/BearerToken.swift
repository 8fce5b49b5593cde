/// An API key, sent as a bearer token, that never shows itself: printing, dumping or interpolating it gives a
/// placeholder, so a log line or an error message that includes an embedder cannot leak it.
struct BearerToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The key itself; read only to build the `Authorization` header.
    let value: String

    var description: String { "<redacted>" }
    var debugDescription: String { "<redacted>" }
    var customMirror: Mirror { Mirror(self, children: []) }
}
