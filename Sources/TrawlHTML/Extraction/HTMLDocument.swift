import CLibXML2

/// A page parsed into a tree by libxml2's error-tolerant HTML parser; frees the tree when it goes away.
struct HTMLDocument: ~Copyable {
    let pointer: htmlDocPtr

    /// Parses UTF-8 bytes (a `<meta charset>` inside is ignored: they are UTF-8 by now); nil when libxml2 builds no
    /// document, as for empty input.
    init?(utf8: [UInt8]) {
        guard !utf8.isEmpty else { return nil }
        LibXML.initialize()
        let parsed = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { bytes in
                htmlReadMemory(bytes.baseAddress, Int32(clamping: bytes.count), nil, "UTF-8", Self.options)
            }
        }
        guard let parsed else { return nil }
        pointer = parsed
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
    /// nest that deep. The walks over the tree are iterative, so depth costs nothing but memory.
    private static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
            | UInt32(XML_PARSE_HUGE.rawValue)
    )
}
