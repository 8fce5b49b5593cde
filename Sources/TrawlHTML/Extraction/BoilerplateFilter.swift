/// Removes boilerplate from an element table: navigation, page headers and footers, asides, banners, hidden and
/// script-like elements, and whatever the options skip.
///
/// A class, id, role, form or hidden flag is only a hint: wrappers named "has-sidebar", ASP.NET's page-wide
/// `<form>` and pages hidden until a script runs would otherwise lose all their content. Such an element is kept
/// when it encloses a `<main>`/`<article>` or holds at least half of the scope's prose (text outside links).
struct BoilerplateFilter {
    let signals: BoilerplateSignals

    /// Drops boilerplate inside `scope`; the scope itself is always kept (it is the body, or a root the caller chose).
    func apply(to table: inout ElementTable, within scope: XMLNode) {
        guard let scopeIndex = table.index(of: scope) else { return }
        let measure = TextMeasure(table, from: scope)
        let enclosesContent = semanticAncestors(in: table, within: scopeIndex)
        let scopeProse = measure.prose(scopeIndex)
        var sectioning = sectioningAncestors(of: scope)
        var opened: [Bool] = []
        var drops: [Int] = []
        scope.walk(enter: { node in
            guard let index = table.index(of: node) else { return false }
            if node != scope {
                let signal = signals.signal(of: node, name: node.name, pageLevel: sectioning == 0)
                let holdsContent = enclosesContent[index] || (scopeProse > 0 && measure.prose(index) * 2 >= scopeProse)
                if signal == .certain || (signal == .likely && !holdsContent) {
                    drops.append(index)
                    opened.append(false)
                    return false
                }
            }
            let isSectioning = Self.isSectioning(node)
            if isSectioning { sectioning += 1 }
            opened.append(isSectioning)
            return true
        }, leave: { node in
            guard node.isElement, let wasSectioning = opened.popLast() else { return }
            if wasSectioning { sectioning -= 1 }
        })
        for index in drops { table.drop(index) }
    }

    /// Elements that scope their header and footer to themselves rather than to the page.
    private static func isSectioning(_ element: XMLNode) -> Bool {
        element.isNamed("article") || element.isNamed("section") || BoilerplateSignals.isSemanticRoot(element)
    }

    private func sectioningAncestors(of node: XMLNode) -> Int {
        var count = 0
        var current = node.parent
        while let ancestor = current {
            if Self.isSectioning(ancestor) { count += 1 }
            current = ancestor.parent
        }
        return count
    }

    /// For each element, whether it is or encloses a `<main>`, `role=main` or `<article>` inside the scope.
    private func semanticAncestors(in table: ElementTable, within scope: Int) -> [Bool] {
        var encloses = Array(repeating: false, count: table.count)
        for index in scope...table.lastDescendant[scope] where BoilerplateSignals.isSemanticRoot(table.nodes[index]) {
            // Climbing stops at the first ancestor already marked, so each element is marked once.
            var current: Int? = index
            while let marked = current, !encloses[marked] {
                encloses[marked] = true
                current = marked == scope ? nil : table.parentIndex(of: marked)
            }
        }
        return encloses
    }
}
