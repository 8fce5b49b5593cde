import CLibXML2

/// Evaluates a user's XPath (`ExtractionOptions.contentXPath`) with libxml2.
enum XPathQuery {
    /// Time one evaluation may take; past it the expression selects nothing on that page. Real expressions take
    /// milliseconds on the largest pages.
    static let timeBudget: Duration = .seconds(1)

    /// The outermost elements `expression` selects, in document order; empty when it is invalid, selects no element
    /// or does not evaluate to nodes. Nested matches are dropped: their outermost match already contains them.
    static func elements(matching expression: String, in document: borrowing HTMLDocument, table: ElementTable)
        -> [XMLNode] {
        guard let context = xmlXPathNewContext(document.pointer) else { return [] }
        defer { xmlXPathFreeContext(context) }
        // Without a handler of its own, libxml2 prints XPath syntax errors to stderr.
        context.pointee.error = { _, _ in }
        // A bound on evaluation steps and one on time: a user's expression must not stall a worker on a huge page.
        // Steps alone let string functions over the whole document run for minutes (see `clibxml2_xpath_budget`).
        context.pointee.opLimit = 50_000_000
        guard clibxml2_time_xpath_functions(context) == 0 else { return [] }
        var budget = clibxml2_xpath_budget(
            deadline_ns: clibxml2_monotonic_ns() + Int64(Self.timeBudget.seconds * 1_000_000_000), exceeded: 0)
        let evaluated = withUnsafeMutablePointer(to: &budget) { pointer in
            context.pointee.userData = UnsafeMutableRawPointer(pointer)
            defer { context.pointee.userData = nil }
            return xmlXPathEval(expression, context)
        }
        guard let result = evaluated else { return [] }
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
