import Testing
import TrawlCore
import TrawlHTML

extension LibXMLContentExtractor {
    /// The content of a body the test expects to be text: a refusal is recorded as the test's failure, and the
    /// test goes on with empty content.
    func expectingText(_ body: [UInt8], declaredCharset: String? = nil, url: String,
                       options: ExtractionOptions = ExtractionOptions()) -> ExtractedContent {
        do { return try extract(body, declaredCharset: declaredCharset, url: url, options: options) } catch {
            Issue.record("extraction failed: \(error)")
            return ExtractedContent(title: nil, language: nil, canonicalURL: nil, markdown: "", text: "")
        }
    }
}
