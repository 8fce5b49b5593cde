/// Finds the densest block of prose when a page declares no main content, in the manner of Mozilla's Readability:
/// every paragraph of at least 25 characters scores 1 + its commas + a point per 100 characters (up to 3) and gives
/// that score to its parent, half to its grandparent and a third to the next ancestor; each candidate's total is
/// adjusted by its tag and class, and scaled down by its link density. The best candidate wins, joined by siblings
/// that score nearly as well, are clearly prose, or hold the title just before it.
struct ContentScorer {
    let table: ElementTable
    let measure: TextMeasure

    /// The roots of the main content inside `scope`, in document order; nil when no paragraph is long enough to vote.
    func roots(within scope: Int) -> [XMLNode]? {
        var votes: [Int: Double] = [:]
        for index in scope...table.lastDescendant[scope] where !table.dropped[index] && isParagraph(index) {
            let length = measure.text[index]
            guard length >= 25 else { continue }
            let score = 1 + Double(measure.commas[index]) + Double(min(length / 100, 3))
            var ancestor = table.parentIndex(of: index)
            for divider in [1.0, 2.0, 3.0] {
                guard let current = ancestor, table.contains(scope, current) else { break }
                votes[current, default: 0] += score / divider
                ancestor = current == scope ? nil : table.parentIndex(of: current)
            }
        }
        var finals: [Int: Double] = [:]
        for (index, vote) in votes {
            finals[index] = (vote + initialScore(index)) * (1 - measure.linkDensity(index))
        }
        guard let top = finals.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) else {
            return nil
        }
        if top.key == scope { return [table.nodes[scope]] }
        return siblings(of: top.key, scoring: top.value, finals: finals)
    }

    /// The winner and those of its siblings that belong with it (an article split over several sibling blocks).
    private func siblings(of top: Int, scoring topScore: Double, finals: [Int: Double]) -> [XMLNode] {
        guard let parent = table.nodes[top].parent else { return [table.nodes[top]] }
        let threshold = max(10, topScore * 0.2)
        var roots: [XMLNode] = []
        var child = parent.firstChild
        while let node = child {
            child = node.nextSibling
            guard let index = table.index(of: node), !table.dropped[index] else { continue }
            if index == top || (finals[index] ?? 0) >= threshold || isStandaloneProse(index)
                || (index < top && isTitleBlock(index)) {
                roots.append(node)
            }
        }
        return roots
    }

    /// A short block before the content that holds its title (`<div class="headline"><h1>…</h1></div>`).
    private func isTitleBlock(_ index: Int) -> Bool {
        guard measure.text[index] > 0, measure.text[index] < 200, measure.linkDensity(index) < 0.5 else { return false }
        return (index...table.lastDescendant[index]).contains { inner in
            if case .heading(let level) = table.kinds[inner], level <= 2, !table.dropped[inner] { return true }
            return false
        }
    }

    /// p, pre and td vote, and so does a div or section holding only inline content (a paragraph in all but name).
    private func isParagraph(_ index: Int) -> Bool {
        let node = table.nodes[index]
        if node.isNamed("p") || node.isNamed("pre") || node.isNamed("td") { return true }
        return (node.isNamed("div") || node.isNamed("section")) && !measure.hasBlockChild[index]
    }

    /// A sibling paragraph that reads as prose: long with few links, or shorter with none.
    private func isStandaloneProse(_ index: Int) -> Bool {
        guard table.nodes[index].isNamed("p") else { return false }
        let length = measure.text[index]
        let density = measure.linkDensity(index)
        return (length > 80 && density < 0.25) || (length >= 25 && density == 0)
    }

    private func initialScore(_ index: Int) -> Double {
        let node = table.nodes[index]
        var score: Double
        switch node.name {
        case "div": score = 5
        case "pre", "td", "blockquote": score = 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": score = -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": score = -5
        default: score = 0
        }
        let words = BoilerplateSignals.words(node.attribute("class")) + BoilerplateSignals.words(node.attribute("id"))
        if words.contains(where: Self.positiveWords.contains) { score += 25 }
        if words.contains(where: Self.negativeWords.contains) { score -= 25 }
        return score
    }

    private static let positiveWords: Set<String> = [
        "article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog", "story", "prose",
    ]
    private static let negativeWords: Set<String> = [
        "comment", "comments", "meta", "footer", "footnote", "related", "sidebar", "widget", "promo", "sponsor",
        "share", "tags", "tool", "tools", "hidden", "banner", "masthead", "shoutbox", "skyscraper", "contact",
    ]
}
