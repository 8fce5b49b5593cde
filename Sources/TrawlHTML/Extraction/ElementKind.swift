/// What an HTML element means for main-content extraction: how it is rendered, and whether it can hold text.
enum ElementKind: Equatable {
    /// Starts and ends a block of text (div, p, section …).
    case block
    case heading(level: Int)
    case list(ordered: Bool)
    case listItem
    case quote
    /// Text kept verbatim: pre, listing, xmp, plaintext.
    case preformatted
    case table
    case tableRow
    case tableCell
    /// caption, thead, tbody, tfoot, colgroup: structure inside a table.
    case tablePart
    case lineBreak
    /// hr: a block boundary with nothing to show.
    case rule
    case link
    case emphasis
    case strong
    /// Inline code: code, kbd, samp, tt.
    case code
    /// Never rendered, nor its content: script, style, media, form controls, embedded documents.
    case opaque
    /// Everything else: text flows through (span, abbr, time, custom elements …).
    case inline

    /// Classifies an element name as the HTML parser reports it (lower-case).
    init(name: String) {
        self = Self.kindByName[name] ?? .inline
    }

    /// Whether the element's content can never be page text.
    var isOpaque: Bool { self == .opaque }

    /// Whether the element ends the current paragraph, as a browser would start a new line box.
    var breaksParagraph: Bool {
        switch self {
        case .block, .heading, .list, .listItem, .quote, .preformatted, .table, .tableRow, .tableCell, .tablePart,
             .rule:
            return true
        case .lineBreak, .link, .emphasis, .strong, .code, .opaque, .inline:
            return false
        }
    }

    private static let kindByName: [String: ElementKind] = {
        var table: [String: ElementKind] = [
            "h1": .heading(level: 1), "h2": .heading(level: 2), "h3": .heading(level: 3),
            "h4": .heading(level: 4), "h5": .heading(level: 5), "h6": .heading(level: 6),
            "ul": .list(ordered: false), "menu": .list(ordered: false), "dir": .list(ordered: false),
            "ol": .list(ordered: true), "li": .listItem, "blockquote": .quote,
            "table": .table, "tr": .tableRow, "td": .tableCell, "th": .tableCell,
            "br": .lineBreak, "hr": .rule, "a": .link,
            "em": .emphasis, "i": .emphasis, "strong": .strong, "b": .strong,
            "code": .code, "kbd": .code, "samp": .code, "tt": .code,
        ]
        let blocks = [
            "address", "article", "aside", "body", "center", "dd", "details", "dialog", "div", "dl", "dt",
            "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "html", "legend", "main", "nav",
            "p", "search", "section", "summary",
        ]
        let preformatted = ["pre", "listing", "xmp", "plaintext"]
        let tableParts = ["caption", "thead", "tbody", "tfoot", "colgroup", "col"]
        let opaque = [
            "applet", "area", "audio", "base", "button", "canvas", "datalist", "embed", "frame", "frameset", "head",
            "iframe", "img", "input", "link", "map", "math", "meta", "meter", "noembed", "noframes", "noscript",
            "object", "option", "optgroup", "param", "picture", "progress", "script", "select", "source", "style",
            "svg", "template", "textarea", "title", "track", "video",
        ]
        for name in blocks { table[name] = .block }
        for name in preformatted { table[name] = .preformatted }
        for name in tableParts { table[name] = .tablePart }
        for name in opaque { table[name] = .opaque }
        return table
    }()
}
