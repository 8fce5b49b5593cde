/// Snippets mark matches with two private-use characters while they are cut, then become HTML: the crawled text is
/// escaped (a page's own `<script>` must stay text in a client that renders snippets), and only the marks become
/// `<mark>` elements.
public enum Highlight {
    /// Opens a match in a marked snippet.
    public static let open: Character = "\u{E000}"
    /// Closes a match.
    public static let close: Character = "\u{E001}"

    /// `marked` as HTML: `&`, `<`, `>` and `"` escaped, marks as `<mark>`…`</mark>`.
    ///
    /// Read scalar by scalar, not by `Character`: a crawled page can glue a `<` into one grapheme with a prepended
    /// or combining scalar (`"\u{600}<"`, `">\u{301}"`), which then equals no `Character` below and would pass
    /// through as markup.
    public static func html(_ marked: String) -> String {
        var html = ""
        html.reserveCapacity(marked.utf8.count + 16)
        for scalar in marked.unicodeScalars {
            switch scalar {
            case "\u{E000}": html += "<mark>"
            case "\u{E001}": html += "</mark>"
            case "&": html += "&amp;"
            case "<": html += "&lt;"
            case ">": html += "&gt;"
            case "\"": html += "&quot;"
            default: html.unicodeScalars.append(scalar)
            }
        }
        return html
    }
}
