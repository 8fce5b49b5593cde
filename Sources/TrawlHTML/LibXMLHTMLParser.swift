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
    public func parse(_ body: [UInt8], declaredCharset: String?, productToken: String, extractText: Bool) -> ParsedHTML {
        LibXML.initialize()
        let decision = CharsetSniffer.decide(body, declaredCharset: declaredCharset)
        let utf8 = Transcoder.utf8(from: body[decision.byteOrderMarkLength...], encoding: decision.encoding)
        let (collector, exceeded) = utf8.withUnsafeBufferPointer {
            HTMLSAXDriver.run($0, collector: PageCollector(productToken: productToken, collectsText: extractText),
                              budget: budget)
        }
        var result = collector.result(charset: decision.encoding.name)
        result.exceeded = exceeded
        return result
    }
}
