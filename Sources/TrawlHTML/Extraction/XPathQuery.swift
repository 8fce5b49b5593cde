import CLibXML2

/// Evaluates a user's XPath (`ExtractionOptions.contentXPath`) with libxml2.
enum XPathQuery {
    /// The outermost elements `expression` selects, in document order; empty when it is invalid, selects no element
    /// or does not evaluate to nodes. Nested matches are dropped: their outermost match already contains them.
    static func elements(matching expression: String, in document: borrowing HTMLDocument, table: ElementTable)
        -> [XMLNode] {
        guard let context = xmlXPathNewContext(document.pointer) else { return [] }
        defer { xmlXPathFreeContext(context) }
        // Without a handler of its own, libxml2 prints XPath syntax errors to stderr.
        context.pointee.error = { _, _ in }
        // A bound on evaluation steps: a user's expression must not stall a worker on a huge page.
        context.pointee.opLimit = 50_000_000
        guard let result = xmlXPathEval(expression, context) else { return [] }
        defer { xmlXPathFreeObject(result) }
        guard result.pointee.type == XPATH_NODESET, let set = result.pointee.nodesetval,
              let nodes = set.pointee.nodeTab
        else { return [] }
        var indices: [Int] = []
        for position in 0..<Int(set.pointee.nodeNr) {
            guard let node = XMLNode(nodes[position]), let index = table.index(of: node) else { continue }
            indices.append(index)
        }
        indices.sort()
        var outermost: [Int] = []
        for index in indices where outermost.last.map({ !table.contains($0, index) }) ?? true {
            outermost.append(index)
        }
        return outermost.map { table.nodes[$0] }
    }
}
