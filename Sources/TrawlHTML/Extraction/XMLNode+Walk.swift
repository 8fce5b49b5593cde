extension XMLNode {
    /// Visits `self` and its descendants in document order without recursion, so that no nesting depth can overflow
    /// the stack. `enter` sees each node first and returns whether to visit its children; `leave` sees it after them.
    func walk(enter: (XMLNode) -> Bool, leave: (XMLNode) -> Void = { _ in }) {
        var current: XMLNode? = self
        while let node = current {
            if enter(node), let child = node.firstChild {
                current = child
                continue
            }
            // Leave this node, then every ancestor whose last child it was, up to the next sibling.
            var finished = node
            while true {
                leave(finished)
                if finished == self {
                    current = nil
                    break
                }
                if let next = finished.nextSibling {
                    current = next
                    break
                }
                guard let parent = XMLNode(finished.pointer.pointee.parent) else {
                    current = nil
                    break
                }
                finished = parent
            }
        }
    }

    /// The text inside the element with whitespace collapsed and trimmed (titles, headings); opaque content skipped.
    var collapsedText: String {
        var buffer = InlineBuffer()
        walk { node in
            if node.isText {
                node.withText { buffer.appendText($0) }
                return false
            }
            guard node.isElement else { return false }
            let kind = ElementKind(name: node.name)
            if kind.breaksParagraph || kind == .lineBreak { buffer.appendSpace() }
            return !kind.isOpaque || node == self
        }
        return buffer.plainText()
    }
}
