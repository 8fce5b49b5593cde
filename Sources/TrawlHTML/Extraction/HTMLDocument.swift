import CLibXML2
import TrawlCore

/// A page parsed into a tree by libxml2's error-tolerant HTML parser, within a `ParseBudget`; frees the tree when it
/// goes away.
struct HTMLDocument: ~Copyable {
    let pointer: htmlDocPtr
    /// The limit that stopped the parse early, if one did; the tree then holds what came before.
    let exceeded: ParseBudget.Limit?

    /// Parses UTF-8 bytes (a `<meta charset>` inside is ignored: they are UTF-8 by now); nil when libxml2 builds no
    /// document, as for empty input.
    init?(utf8: [UInt8], budget: ParseBudget) {
        guard !utf8.isEmpty else { return nil }
        LibXML.initialize()
        // No SAX handler given: the context gets its own copy of libxml2's tree-building one, which is then
        // wrapped so that every element and error is metered.
        guard let context = htmlCreatePushParserCtxt(nil, nil, nil, 0, nil, XML_CHAR_ENCODING_UTF8),
              let handler = context.pointee.sax
        else { return nil }
        defer { htmlFreeParserCtxt(context) }
        htmlCtxtUseOptions(context, Self.options)
        handler.pointee.startElement = Self.startElement
        handler.pointee.endElement = Self.endElement
        handler.pointee.serror = Self.error
        handler.pointee.initialized = UInt32(XML_SAX2_MAGIC)
        let meter = ParseMeter(budget: budget)
        context.pointee._private = Unmanaged.passUnretained(meter).toOpaque()
        withExtendedLifetime(meter) {
            utf8.withUnsafeBufferPointer { BudgetedPush.parse($0, context: context, meter: meter) }
        }
        context.pointee._private = nil
        // A page stopped before its first tag (a flood at byte 0) still has to say it went over budget.
        guard let document = context.pointee.myDoc ?? (meter.exceeded != nil ? htmlNewDocNoDtD(nil, nil) : nil)
        else { return nil }
        context.pointee.myDoc = nil
        pointer = document
        exceeded = meter.exceeded
    }

    deinit {
        xmlFreeDoc(pointer)
    }

    /// The root element (`<html>`, which the parser implies when the page omits it).
    var rootElement: XMLNode? {
        XMLNode(xmlDocGetRootElement(pointer))
    }

    /// Recover silently from every error and never touch the network, as the link parser does. HUGE lifts the
    /// parser's nesting limit of 256 elements: past it, libxml2 abandons the rest of the page, and real pages do
    /// nest that deep; the budget's depth limit takes its place. The walks over the tree are iterative, so depth
    /// costs nothing but memory.
    private static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
            | UInt32(XML_PARSE_HUGE.rawValue)
    )

    /// The meter of the parse behind a callback's context (libxml2 passes the parser context as user data when none
    /// was given).
    private static func meter(_ context: UnsafeMutableRawPointer?) -> (htmlParserCtxtPtr, ParseMeter)? {
        guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self),
              let meter = parser.pointee._private
        else { return nil }
        return (parser, Unmanaged<ParseMeter>.fromOpaque(meter).takeUnretainedValue())
    }

    private static let startElement: startElementSAXFunc = { context, name, attributes in
        xmlSAX2StartElement(context, name, attributes)
        if let (parser, meter) = meter(context), !meter.enter() { xmlStopParser(parser) }
    }

    private static let endElement: endElementSAXFunc = { context, name in
        xmlSAX2EndElement(context, name)
        if let (parser, meter) = meter(context), !meter.leave() { xmlStopParser(parser) }
    }

    private static let error: xmlStructuredErrorFunc = { context, _ in
        if let (parser, meter) = meter(context), !meter.error() { xmlStopParser(parser) }
    }
}
