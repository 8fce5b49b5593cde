/// Chooses where the main content is: the elements a user's XPath selects, else the page's `<main>` (or
/// `role=main`), else its `<article>`s, else the densest block of prose (`ContentScorer`) when it holds two thirds
/// of the page's prose, else the whole body.
/// Boilerplate is removed on the way, inside whatever scope the choice is made in.
struct ContentRootFinder {
    let filter: BoilerplateFilter

    /// The content roots in document order, with boilerplate dropped from `elements` inside them.
    func roots(in document: borrowing HTMLDocument, elements: inout ElementTable, contentXPath: String?)
        -> [XMLNode] {
        if let contentXPath, !contentXPath.trimmingASCIIWhitespace().isEmpty {
            let selected = XPathQuery.elements(matching: contentXPath, in: document, table: elements)
            if !selected.isEmpty {
                for root in selected { filter.apply(to: &elements, within: root) }
                return selected
            }
        }
        guard let root = document.rootElement else { return [] }
        let scope = elements.first("body") ?? root
        filter.apply(to: &elements, within: scope)
        guard let scopeIndex = elements.index(of: scope) else { return [scope] }
        let measure = TextMeasure(elements, from: scope)
        if let declared = declaredRoots(in: elements, measure: measure, scope: scopeIndex) { return declared }
        let scorer = ContentScorer(table: elements, measure: measure)
        guard let scored = scorer.roots(within: scopeIndex) else { return [scope] }
        // Boilerplate is gone already: when the densest block holds under two thirds of the prose left, the content
        // is spread over the page (a malformed or flat page) and the whole body is the better answer.
        let scoredProse = scored.compactMap { elements.index(of: $0) }.reduce(0) { $0 + measure.prose($1) }
        return scoredProse * 3 >= measure.prose(scopeIndex) * 2 ? scored : [scope]
    }

    /// `<main>`/`role=main` (the one with most prose), else the outermost `<article>`s that hold at least half as
    /// much prose as the largest — a post rather than its comment threads, every teaser of a listing. A declared
    /// root holding under a quarter of the page's prose is a mislabelled fragment, and is ignored.
    private func declaredRoots(in elements: ElementTable, measure: TextMeasure, scope: Int) -> [XMLNode]? {
        var mains: [Int] = []
        var articles: [Int] = []
        for index in scope...elements.lastDescendant[scope] where !elements.dropped[index] && index != scope {
            let node = elements.nodes[index]
            if node.isNamed("main") || node.trimmedAttribute("role")?.lowercased() == "main" {
                mains.append(index)
            } else if node.isNamed("article"), !(articles.last.map { elements.contains($0, index) } ?? false) {
                // Indices run in document order, so an article inside an earlier one is inside the last kept.
                articles.append(index)
            }
        }
        let pageProse = measure.prose(scope)
        func isSubstantial(_ index: Int) -> Bool {
            measure.text[index] > 0 && measure.prose(index) * 4 >= pageProse
        }
        if let main = mains.max(by: { measure.prose($0) < measure.prose($1) }), isSubstantial(main) {
            return [elements.nodes[main]]
        }
        guard let largest = articles.max(by: { measure.prose($0) < measure.prose($1) }), isSubstantial(largest)
        else { return nil }
        let threshold = measure.prose(largest)
        return articles.filter { measure.prose($0) * 2 >= threshold }.map { elements.nodes[$0] }
    }
}
