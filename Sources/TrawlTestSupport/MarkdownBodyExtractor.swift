import TrawlCore

/// A stand-in for the libxml2 extractor at our own seam: the body is taken as Markdown, its first `# ` line as the
/// title. Pipeline tests then control a page's text exactly, and run without parsing HTML. A body holding the word
/// `unreadable` is refused, as the real extractor refuses a body that is not text.
public struct MarkdownBodyExtractor: ContentExtracting {
    public init() {}

    public func extract(_ body: [UInt8], declaredCharset: String?, url: String,
                        options: ExtractionOptions) throws(ExtractionError) -> ExtractedContent {
        let markdown = String(decoding: body, as: UTF8.self)
        if markdown.contains("unreadable") { throw ExtractionError("the body is not text") }
        let title = markdown.split(separator: "\n").first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) }
        return ExtractedContent(title: title, language: "en", canonicalURL: nil, markdown: markdown, text: markdown)
    }
}
