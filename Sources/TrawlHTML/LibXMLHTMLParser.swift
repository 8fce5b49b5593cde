import CLibXML2
import TrawlCore

/// Parses HTML with libxml2's error-tolerant HTML parser, in SAX mode: one pass per page, no DOM.
/// Stateless and thread-safe.
public struct LibXMLHTMLParser: HTMLParsing {
    /// Creates a parser.
    public init() {}

    /// Decodes the body (see `CharsetSniffer` for the order of evidence), parses it, and collects links, metadata
    /// and visible text. Never fails: garbage yields an almost empty result.
    public func parse(_ body: [UInt8], declaredCharset: String?, productToken: String, extractText: Bool) -> ParsedHTML {
        LibXML.initialize()
        let decision = CharsetSniffer.decide(body, declaredCharset: declaredCharset)
        let utf8 = Transcoder.utf8(from: body[decision.byteOrderMarkLength...], encoding: decision.encoding)
        let collector = utf8.withUnsafeBufferPointer {
            HTMLSAXDriver.run($0, collector: PageCollector(productToken: productToken, collectsText: extractText))
        }
        return collector.result(charset: decision.encoding.name)
    }
}
