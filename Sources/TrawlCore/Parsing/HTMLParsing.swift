/// Parses HTML bodies; implementations must be thread-safe (called concurrently from a pool).
public protocol HTMLParsing: Sendable {
    /// Parses one page. `declaredCharset` is the Content-Type charset parameter, if any; `productToken`
    /// is the crawler's robots product token, so `<meta name=TOKEN>` counts like `<meta name=robots>`.
    /// Never fails: malformed input yields whatever could be recovered.
    /// `extractText: false` skips building the visible text (the crawl loop needs only links and metadata).
    func parse(_ body: [UInt8], declaredCharset: String?, productToken: String, extractText: Bool) -> ParsedHTML
}

extension HTMLParsing {
    /// Parses one page, visible text included.
    public func parse(_ body: [UInt8], declaredCharset: String?, productToken: String) -> ParsedHTML {
        parse(body, declaredCharset: declaredCharset, productToken: productToken, extractText: true)
    }
}
