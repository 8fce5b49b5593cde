import CLibXML2
import TrawlCore

/// Parses HTML with libxml2's error-tolerant HTML parser, in SAX mode: one pass per page, no DOM, within a
/// `ParseBudget`. Stateless and thread-safe.
public struct LibXMLHTMLParser: HTMLParsing {
    private let budget: ParseBudget

    /// A parser that stops any page at `budget`.
    public init(budget: ParseBudget = ParseBudget()) {
        self.budget = budget
    }

    /// Decodes the body (see `CharsetSniffer` for the order of evidence), parses it, and collects links, metadata
    /// and visible text. Never fails: garbage yields an almost empty result, and a page over budget what was found
    /// before the parse stopped, with `exceeded` set.
    ///
    /// Without text (the crawl's parse), the page goes through `HTMLTagScanner` rather than libxml2: the same links
    /// and metadata for a fraction of the CPU.
    public func parse(_ body: [UInt8], declaredCharset: String?, productToken: String, extractText: Bool) -> ParsedHTML {
        let decision = CharsetSniffer.decide(body, declaredCharset: declaredCharset)
        let utf8 = Transcoder.utf8(from: body[decision.byteOrderMarkLength...], encoding: decision.encoding)
        guard extractText else {
            return utf8.withUnsafeBufferPointer {
                HTMLTagScanner.scan($0, productToken: productToken, budget: budget, charset: decision.encoding.name)
            }
        }
        return parseWithLibXML(utf8, charset: decision.encoding.name, productToken: productToken)
    }

    /// The SAX parse with visible text. Also what `HTMLTagScannerTests` holds the scanner to.
    func parseWithLibXML(_ utf8: [UInt8], charset: String, productToken: String, extractText: Bool = true) -> ParsedHTML {
        LibXML.initialize()
        let (collector, exceeded) = utf8.withUnsafeBufferPointer {
            HTMLSAXDriver.run($0, collector: PageCollector(productToken: productToken, collectsText: extractText),
                              budget: budget)
        }
        var result = collector.result(charset: charset)
        result.exceeded = exceeded
        return result
    }
}
