/// `ETag` and `Last-Modified` values as a later run may send them back: what a server sent, kept only when it is
/// short visible text. A hostile server's 100 KB header or control bytes are dropped, not echoed into our requests.
enum Validator {
    /// The longest validator kept; real ones are tens of bytes.
    static let maximumLength = 256

    /// `value` trimmed, or nil when it is empty, too long or holds anything but visible ASCII, spaces and tabs.
    static func sanitized(_ value: String?) -> String? {
        guard let value = value?.trimmingHTTPWhitespace(), !value.isEmpty, value.utf8.count <= maximumLength,
              value.utf8.allSatisfy({ $0 == 0x09 || (0x20...0x7E).contains($0) }) else { return nil }
        return value
    }
}
