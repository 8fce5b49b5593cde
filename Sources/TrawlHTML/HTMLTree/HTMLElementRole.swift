import CLibXML2

/// What an HTML element means for link, metadata and text extraction.
enum HTMLElementRole {
    /// Text flows through (span, b, em, and every element not listed).
    case inline
    /// Starts and ends a line of visible text.
    case block
    /// `<br>`, `<hr>`: ends a line.
    case lineBreak
    /// `<td>`, `<th>`: separated from neighbours by a space.
    case cell
    /// Not rendered (head, script, style, noscript, template, select…); links inside still count.
    case hidden
    /// Not rendered either, and a `<title>` inside is a tooltip rather than the page title.
    case svg
    case title, anchor, area, frame, iframe, base, link, meta, html

    /// Classifies a lower-cased element name from libxml2.
    init(name: UnsafePointer<xmlChar>) {
        self = Self.roleByName[String(cString: name)] ?? .inline
    }

    private static let roleByName: [String: HTMLElementRole] = {
        var table: [String: HTMLElementRole] = [
            "br": .lineBreak, "hr": .lineBreak, "td": .cell, "th": .cell,
            "svg": .svg,
            "title": .title, "a": .anchor, "area": .area, "frame": .frame, "iframe": .iframe,
            "base": .base, "link": .link, "meta": .meta, "html": .html,
        ]
        let blocks = [
            "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
            "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frameset", "h1", "h2",
            "h3", "h4", "h5", "h6", "header", "hgroup", "legend", "li", "listing", "main", "menu", "nav", "ol",
            "optgroup", "option", "p", "plaintext", "pre", "search", "section", "summary", "table", "tbody",
            "tfoot", "thead", "tr", "ul", "xmp",
        ]
        let hidden = [
            "head", "script", "style", "noscript", "template", "math", "noembed", "noframes", "select", "datalist",
        ]
        for name in blocks { table[name] = .block }
        for name in hidden { table[name] = .hidden }
        return table
    }()
}
