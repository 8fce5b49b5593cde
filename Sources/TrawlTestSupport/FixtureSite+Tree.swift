/// Deterministic link trees, so crawl-depth and page-count tests know the exact answer.
///
/// Path scheme: pages are numbered breadth-first, heap style. Page 0 is the root, served at "/";
/// page i ≥ 1 is served at "/p/i". Page i links (by absolute path) to its children
/// fanout·i + 1 … fanout·i + fanout, so depth d holds exactly fanout^d pages and no page is linked twice.
/// Example, `tree(depth: 2, fanout: 2)`: "/" → "/p/1", "/p/2"; "/p/1" → "/p/3", "/p/4"; "/p/2" → "/p/5", "/p/6".
extension FixtureSite {
    /// The largest tree built, to catch a depth/fanout typo before it eats the machine's memory.
    private static let maximumTreePages = 1_000_000

    /// A site of HTML pages forming a tree `depth` levels below the root with `fanout` children per page.
    public static func tree(depth: Int, fanout: Int) -> FixtureSite {
        var site = FixtureSite()
        for page in treeLayout(depth: depth, fanout: fanout) {
            let children = page.depth < depth && fanout > 0 ? (1...fanout).map { fanout * page.index + $0 } : []
            let html = treeHTML(page: page.index, depth: page.depth, children: children)
            site[treePath(ofPage: page.index)] = .html(html)
        }
        return site
    }

    /// The depth of every page of `tree(depth:fanout:)`, keyed by path ("/" is 0).
    public static func treeDepths(depth: Int, fanout: Int) -> [String: Int] {
        var depths: [String: Int] = [:]
        for page in treeLayout(depth: depth, fanout: fanout) {
            depths[treePath(ofPage: page.index)] = page.depth
        }
        return depths
    }

    /// The path of page `index` in the tree scheme: "/" for 0, "/p/<index>" otherwise.
    public static func treePath(ofPage index: Int) -> String {
        index == 0 ? "/" : "/p/\(index)"
    }

    /// Every page index with its depth, breadth-first.
    private static func treeLayout(depth: Int, fanout: Int) -> [(index: Int, depth: Int)] {
        precondition(depth >= 0 && fanout >= 0, "FixtureSite.tree needs depth >= 0 and fanout >= 0")
        var layout: [(index: Int, depth: Int)] = []
        var levelSize = 1
        for level in 0...depth {
            if level > 0 {
                let (size, overflow) = levelSize.multipliedReportingOverflow(by: fanout)
                precondition(!overflow, "FixtureSite.tree(depth: \(depth), fanout: \(fanout)) is too large")
                levelSize = size
            }
            if levelSize == 0 { break }
            precondition(
                layout.count + levelSize <= maximumTreePages,
                "FixtureSite.tree(depth: \(depth), fanout: \(fanout)) exceeds \(maximumTreePages) pages"
            )
            let first = layout.count
            for index in first..<(first + levelSize) {
                layout.append((index: index, depth: level))
            }
        }
        return layout
    }

    private static func treeHTML(page: Int, depth: Int, children: [Int]) -> String {
        let links = children.map { "<li><a href=\"\(treePath(ofPage: $0))\">Page \($0)</a></li>" }
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>Page \(page)</title></head>
            <body><h1>Page \(page) (depth \(depth))</h1>
            <ul>\(links.joined(separator: "\n"))</ul>
            </body></html>
            """
    }
}
