/// The attributes of one start tag, as the collectors read them: by name, values UTF-8 with character references
/// decoded. libxml2's SAX pairs (`HTMLAttributes`) and the crawl's tag scanner (`ScannedAttributes`) both read this way.
protocol HTMLAttributeReading {
    /// Calls `body` with the value of the named attribute (empty when bare); nil when absent. The first of
    /// repeated attributes counts, as in libxml2 and browsers.
    func withValue<Result>(_ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result?
}

extension HTMLAttributeReading {
    /// The value trimmed of ASCII whitespace; nil when absent or blank.
    func trimmed(_ name: StaticString) -> String? {
        withValue(name) { $0.trimmedString() } ?? nil
    }
}
