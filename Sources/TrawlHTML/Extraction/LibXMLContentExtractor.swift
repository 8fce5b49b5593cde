import TrawlCore

/// Extracts a page's main content with libxml2: the page is decoded as the link parser decodes it, parsed into a
/// tree, stripped of boilerplate, narrowed to its content root and rendered as Markdown and plain text.
/// Stateless and thread-safe.
public struct LibXMLContentExtractor: ContentExtracting {
    private let budget: ParseBudget

    /// An extractor that gives up on any page over `budget`.
    public init(budget: ParseBudget = ParseBudget()) {
        self.budget = budget
    }

    /// The main content of an HTML `body` fetched from `url`. Markup soup yields what text it holds (or nothing);
    /// a body that is not text in the encoding it was decoded with (binary data served as HTML, a wrong charset), or
    /// one over the parse budget, throws, so the document is reported failed rather than indexed as garbage.
    public func extract(_ body: [UInt8], declaredCharset: String?, url: String, options: ExtractionOptions)
        throws(ExtractionError) -> ExtractedContent {
        let decision = CharsetSniffer.decide(body, declaredCharset: declaredCharset)
        let utf8 = Transcoder.utf8(from: body[decision.byteOrderMarkLength...], encoding: decision.encoding)
        if let problem = TextPlausibility(utf8: utf8).problem {
            throw ExtractionError("the body is not text as \(decision.encoding.name): \(problem)")
        }
        guard let document = HTMLDocument(utf8: utf8, budget: budget) else {
            return ExtractedContent(title: nil, language: nil, canonicalURL: nil, markdown: "", text: "")
        }
        // A page built to stall the parser is not indexed from half a tree: the document fails, and says why.
        if let limit = document.exceeded {
            throw ExtractionError("\(ParseBudget.reason): the page went over its parse budget (\(limit.rawValue))")
        }
        guard let root = document.rootElement else {
            return ExtractedContent(title: nil, language: nil, canonicalURL: nil, markdown: "", text: "")
        }
        document.moveStrayHeadContentToBody()
        let metadata = PageMetadata(root: root, pageURL: url)
        var elements = ElementTable(root: root)
        let finder = ContentRootFinder(filter: BoilerplateFilter(signals: BoilerplateSignals(
            skippedTags: options.skippedTags)))
        let roots = finder.roots(in: document, elements: &elements, contentXPath: options.contentXPath)
        var renderer = ContentRenderer(elements: elements,
                                       links: LinkResolver(pageURL: url, baseHref: metadata.baseHref))
        for contentRoot in roots { renderer.render(contentRoot) }
        // A document contributes at most `ContentCap.maximumBytes` to the index, however big its page.
        return ExtractedContent(title: metadata.title, language: metadata.language,
                                canonicalURL: metadata.canonicalURL, markdown: ContentCap.cut(renderer.markdown),
                                text: ContentCap.cut(renderer.text))
    }
}
