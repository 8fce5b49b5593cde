/// What an element's own markup says about it being boilerplate rather than content.
enum BoilerplateSignal: Equatable {
    /// Not boilerplate as far as the element itself tells.
    case none
    /// Boilerplate whatever it holds: navigation by element, scripts, embedded documents, skipped tags.
    case certain
    /// Probably boilerplate (a class, id or role, a form, hidden): dropped unless it holds the page's content.
    case likely
}

/// Reads the boilerplate signals of one element: its name, role, class and id, and whether it is hidden.
struct BoilerplateSignals {
    /// Element names dropped beyond the built-in ones (`ExtractionOptions.skippedTags`, lower-cased).
    let skippedTags: Set<String>

    init(skippedTags: [String]) {
        self.skippedTags = Set(skippedTags.map { $0.lowercased() })
    }

    /// The signal of `element`; `pageLevel` says whether no article, section or main encloses it, which is when
    /// header and footer mean the site's banner and footer rather than an article's.
    func signal(of element: XMLNode, name: String, pageLevel: Bool) -> BoilerplateSignal {
        if Self.droppedTags.contains(name) || skippedTags.contains(name) { return .certain }
        if pageLevel, name == "header" || name == "footer" { return .certain }
        if name == "form" { return .likely }
        if let role = element.trimmedAttribute("role")?.lowercased(),
           role.split(separator: " ").contains(where: { Self.boilerplateRoles.contains(String($0)) }) {
            return .likely
        }
        if isHidden(element) { return .likely }
        let words = Self.words(element.attribute("class")) + Self.words(element.attribute("id"))
        if name == "a", Self.isPermalink(element, words: words) { return .certain }
        return words.contains(where: Self.isBoilerplateWord) ? .likely : .none
    }

    /// A heading's own permalink (Sphinx's `¶`, MkDocs' and GitHub's anchors): a link to a fragment of the page
    /// whose class says so. Its glyph would otherwise end every heading and heading path.
    private static func isPermalink(_ element: XMLNode, words: [String]) -> Bool {
        guard element.attribute("href")?.hasPrefix("#") == true else { return false }
        let lowered = words.map { $0.lowercased() }
        return lowered.contains { ["headerlink", "permalink", "anchorjs", "headeranchor", "anchorlink"].contains($0) }
            || (lowered.contains("anchor") && lowered.contains("link"))
    }

    /// Whether the element is `<main>`, `role=main` or `<article>`: content by its own declaration.
    static func isSemanticRoot(_ element: XMLNode) -> Bool {
        element.isNamed("main") || element.isNamed("article")
            || element.trimmedAttribute("role")?.lowercased() == "main"
    }

    private func isHidden(_ element: XMLNode) -> Bool {
        if element.attribute("hidden") != nil { return true }
        if element.trimmedAttribute("aria-hidden")?.lowercased() == "true" { return true }
        guard let style = element.attribute("style") else { return false }
        let compact = String(style.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace })
        return compact.contains("display:none") || compact.contains("visibility:hidden")
    }

    /// Always boilerplate: navigation, asides, dialogs, and elements whose content is never page text.
    private static let droppedTags: Set<String> = [
        "nav", "aside", "dialog", "script", "style", "noscript", "template", "iframe", "frame",
        "frameset", "svg", "math", "canvas", "object", "embed", "applet", "button", "select", "input", "textarea",
    ]

    private static let boilerplateRoles: Set<String> = [
        "navigation", "menu", "menubar", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
        "toolbar", "tablist",
    ]

    /// Words of a class or id: split on punctuation and at lower-to-upper case changes ("cookieBanner").
    static func words(_ value: String?) -> [String] {
        guard let value else { return [] }
        var words: [String] = []
        var word = ""
        var previousWasLower = false
        for scalar in value.unicodeScalars {
            // Class names are nearly always ASCII: Unicode property lookups only for the rest.
            let isAlphanumeric = scalar.isASCII
                ? ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                : scalar.properties.isAlphabetic
            let isUpper = scalar.isASCII ? ("A"..."Z").contains(scalar) : scalar.properties.isUppercase
            if !isAlphanumeric || (isUpper && previousWasLower) {
                if !word.isEmpty { words.append(word) }
                word = ""
            }
            if isAlphanumeric {
                // ASCII lower-cases by its code; `lowercaseMapping` builds a String per scalar.
                if scalar.isASCII {
                    word.unicodeScalars.append(isUpper ? Unicode.Scalar(scalar.value + 32)! : scalar)
                } else {
                    word += scalar.properties.lowercaseMapping
                }
            }
            previousWasLower = isAlphanumeric && !isUpper
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    /// Whether a class or id word names boilerplate: the word itself, or a compound starting or ending with one
    /// ("navbar", "cookienotice", "topnav", "submenu"). Short words match whole only ("ad", not "add").
    static func isBoilerplateWord(_ word: String) -> Bool {
        if exactWords.contains(word) { return true }
        if prefixWords.contains(where: { word.hasPrefix($0) }) { return true }
        return suffixWords.contains { word.hasSuffix($0) }
    }

    private static let exactWords: Set<String> = [
        "nav", "menu", "footer", "sidebar", "cookie", "cookies", "consent", "banner", "breadcrumb", "breadcrumbs",
        "share", "sharing", "social", "advert", "ad", "ads", "gdpr", "popup", "modal", "navigation",
    ]
    private static let prefixWords = [
        "navbar", "navigation", "navmenu", "menubar", "menuitem", "footer", "sidebar", "cookie", "consent",
        "banner", "breadcrumb", "sharebar", "sharing", "social", "advert", "popup", "modal",
    ]
    private static let suffixWords = ["nav", "navbar", "menu", "footer", "sidebar", "breadcrumbs", "popup", "modal"]
}
