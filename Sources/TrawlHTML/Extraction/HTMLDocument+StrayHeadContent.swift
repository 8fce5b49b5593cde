import CLibXML2

extension HTMLDocument {
    /// Elements that belong in `<head>`; any other element (or text) there is the start of the page's body.
    private static let headContent: Set<String> = [
        "title", "meta", "link", "style", "script", "base", "noscript", "template", "basefont", "bgsound",
    ]

    /// Moves content that libxml2 left in `<head>` into `<body>`, as an HTML5 parser would have placed it.
    ///
    /// HTML5 lets a page omit `<head>` and `<body>`: the first element that cannot be in the head ends it and starts
    /// the body. libxml2's HTML4 parser only knows that for HTML4 elements; an element it does not know (`main`,
    /// `article`, `section`, custom elements) stays in the head with everything after it, where extraction (rightly)
    /// finds no content. From the first such element or non-blank text on, the head's children move to the start
    /// of the body (created when the page has none), in order.
    func moveStrayHeadContentToBody() {
        guard let root = rootElement else { return }
        var child = root.firstChild
        var head: XMLNode?
        var body: XMLNode?
        while let node = child {
            if node.isNamed("head") { head = node } else if node.isNamed("body") { body = node }
            child = node.nextSibling
        }
        guard let head else { return }
        var stray = head.firstChild
        while let node = stray, !Self.startsBody(node) { stray = node.nextSibling }
        guard var moving = stray else { return }
        let target: XMLNode
        if let body {
            target = body
        } else {
            guard let created = xmlNewDocNode(pointer, nil, "body", nil) else { return }
            xmlAddNextSibling(head.pointer, created)
            target = XMLNode(created)
        }
        // Collected first, then put in front of the body's content last to first: each goes before whatever is
        // first by then, so the order holds even where libxml2 merges a moved text node into a neighbouring one.
        var moved: [XMLNode] = []
        while true {
            moved.append(moving)
            guard let following = moving.nextSibling else { break }
            moving = following
        }
        for node in moved.reversed() {
            xmlUnlinkNode(node.pointer)
            if let first = target.firstChild {
                xmlAddPrevSibling(first.pointer, node.pointer)
            } else {
                xmlAddChild(target.pointer, node.pointer)
            }
        }
    }

    private static func startsBody(_ node: XMLNode) -> Bool {
        if node.isElement { return !headContent.contains(node.name) }
        guard node.isText else { return false }
        return node.withText { text in text.contains { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0C || $0 == 0x0D) } }
    }
}
