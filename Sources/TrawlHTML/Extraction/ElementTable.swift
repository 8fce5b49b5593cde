/// Every element of a parsed document numbered in document order, with what the extraction passes share: its kind,
/// the interval of indices its subtree spans, and whether boilerplate removal dropped it.
///
/// The number lives in the node's `_private` field (libxml2 leaves it to applications), so finding an element's
/// facts costs no hashing. The table must not outlive its document.
struct ElementTable {
    private(set) var nodes: [XMLNode] = []
    private(set) var kinds: [ElementKind] = []
    /// The index of the last element inside each element (itself when it has none).
    private(set) var lastDescendant: [Int] = []
    /// Elements removed as boilerplate: each dropped element and everything inside it.
    private(set) var dropped: [Bool] = []

    /// Numbers the elements of the tree under `root`, which must be the document's root element.
    init(root: XMLNode) {
        var open: [Int] = []
        root.walk(enter: { node in
            guard node.isElement else { return false }
            let index = nodes.count
            node.pointer.pointee._private = UnsafeMutableRawPointer(bitPattern: index + 1)
            nodes.append(node)
            kinds.append(ElementKind(name: node.name))
            lastDescendant.append(index)
            open.append(index)
            return true
        }, leave: { node in
            guard node.isElement, let index = open.popLast() else { return }
            lastDescendant[index] = nodes.count - 1
        })
        dropped = Array(repeating: false, count: nodes.count)
    }

    var count: Int { nodes.count }

    /// The element's number; nil for nodes that are not numbered elements.
    func index(of node: XMLNode) -> Int? {
        guard node.isElement, let tag = node.pointer.pointee._private else { return nil }
        let index = Int(bitPattern: tag) - 1
        return index >= 0 && index < nodes.count && nodes[index] == node ? index : nil
    }

    func kind(of node: XMLNode) -> ElementKind {
        index(of: node).map { kinds[$0] } ?? .inline
    }

    func isDropped(_ node: XMLNode) -> Bool {
        index(of: node).map { dropped[$0] } ?? false
    }

    /// Whether element `inner` is `outer` or inside it: a constant-time interval test.
    func contains(_ outer: Int, _ inner: Int) -> Bool {
        inner >= outer && inner <= lastDescendant[outer]
    }

    /// Drops the element and its whole subtree (an interval, so each index is marked at most once per drop).
    mutating func drop(_ index: Int) {
        for inner in index...lastDescendant[index] { dropped[inner] = true }
    }

    /// The index of the element's parent element, if numbered.
    func parentIndex(of index: Int) -> Int? {
        nodes[index].parent.flatMap { self.index(of: $0) }
    }

    /// The first element named `name` in document order that boilerplate removal kept.
    func first(_ name: StaticString) -> XMLNode? {
        nodes.indices.first { !dropped[$0] && nodes[$0].isNamed(name) }.map { nodes[$0] }
    }
}
