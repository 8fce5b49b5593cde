/// How much text each element holds, counted over what boilerplate removal kept: the evidence for guards,
/// semantic-root checks and content scoring.
struct TextMeasure {
    /// Visible characters (Unicode scalars other than whitespace) inside each element.
    private(set) var text: [Int]
    /// The part of `text` inside links.
    private(set) var linkText: [Int]
    /// Commas inside each element: readability's hint of real sentences.
    private(set) var commas: [Int]
    /// Whether the element has a child that starts a block (a div without one reads as a paragraph).
    private(set) var hasBlockChild: [Bool]

    /// Measures every kept element under `root`.
    init(_ table: ElementTable, from root: XMLNode) {
        text = Array(repeating: 0, count: table.count)
        linkText = text
        commas = text
        hasBlockChild = Array(repeating: false, count: table.count)
        var open: [Int] = []
        root.walk(enter: { node in
            if node.isText {
                if let owner = open.last { count(node, into: owner) }
                return false
            }
            guard let index = table.index(of: node), !table.dropped[index], !table.kinds[index].isOpaque else {
                return false
            }
            if let parent = open.last, table.kinds[index].breaksParagraph { hasBlockChild[parent] = true }
            open.append(index)
            return true
        }, leave: { node in
            guard let index = table.index(of: node), open.last == index else { return }
            open.removeLast()
            if table.kinds[index] == .link { linkText[index] = text[index] }
            guard let parent = open.last else { return }
            text[parent] += text[index]
            linkText[parent] += linkText[index]
            commas[parent] += commas[index]
        })
    }

    /// Share of the element's text that sits in links, from 0 to 1.
    func linkDensity(_ index: Int) -> Double {
        text[index] == 0 ? 0 : Double(linkText[index]) / Double(text[index])
    }

    /// Text outside links: what navigation-heavy blocks lack.
    func prose(_ index: Int) -> Int {
        text[index] - linkText[index]
    }

    private mutating func count(_ node: XMLNode, into owner: Int) {
        node.withText { bytes in
            var visible = 0
            var commaCount = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x2C {
                    commaCount += 1
                } else if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBC, bytes[index + 2] == 0x8C {
                    // FULLWIDTH COMMA, as CJK prose uses it.
                    commaCount += 1
                }
                // Lead bytes and ASCII count once per scalar; continuation bytes and whitespace do not.
                if byte & 0xC0 != 0x80, !byte.isASCIIWhitespace, !(byte == 0xC2 && index + 1 < bytes.count
                    && bytes[index + 1] == 0xA0) {
                    visible += 1
                }
                index += 1
            }
            text[owner] += visible
            commas[owner] += commaCount
        }
    }
}
