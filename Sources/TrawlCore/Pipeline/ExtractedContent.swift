/// A page's main content, boilerplate removed: what gets chunked, embedded and indexed.
public struct ExtractedContent: Sendable, Equatable, Codable {
    public var title: String?
    /// The `lang` of the document, lower-cased (e.g. "en", "pt-br").
    public var language: String?
    public var canonicalURL: String?
    /// The main content as Markdown: headings (#…), paragraphs, lists, code blocks, tables, links.
    public var markdown: String
    /// The same content as plain text (no Markdown syntax), for full-text indexing and snippets.
    public var text: String

    /// Content with every field given.
    public init(title: String?, language: String?, canonicalURL: String?, markdown: String, text: String) {
        self.title = title
        self.language = language
        self.canonicalURL = canonicalURL
        self.markdown = markdown
        self.text = text
    }
}

/// What the extractor keeps: the manifest's `pipelines` extract component.
public struct ExtractionOptions: Sendable, Equatable {
    /// An XPath selecting the content root (e.g. `//main` or `//div[@id='content']`); nil to detect it.
    public var contentXPath: String?
    /// Element names dropped with everything inside them, beyond the built-in boilerplate (nav, footer …).
    public var skippedTags: [String]

    /// Options with every field given.
    public init(contentXPath: String? = nil, skippedTags: [String] = []) {
        self.contentXPath = contentXPath
        self.skippedTags = skippedTags
    }
}

/// Extracts a page's main content; the HTML adapter implements it with libxml2.
public protocol ContentExtracting: Sendable {
    /// The main content of an HTML `body` fetched from `url`; throws when the body is not text at all.
    func extract(_ body: [UInt8], declaredCharset: String?, url: String, options: ExtractionOptions)
        throws(ExtractionError) -> ExtractedContent
}
