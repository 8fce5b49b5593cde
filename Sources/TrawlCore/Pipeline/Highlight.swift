/// Snippets mark matches with two private-use characters while they are cut, then become HTML: the crawled text is
/// escaped (a page's own `<script>` must stay text in a client that renders snippets), and only the marks become
/// `<mark>` elements.
public enum Highlight {
    /// Opens a match in a marked snippet.
    public static let open: Character = "\u{E000}"
    /// Closes a match.
    public static let close: Character = "\u{E001}"

    /// `marked` as HTML: `&`, `<`, `>` and `"` escaped, marks as `<mark>`…`</mark>`.
    public static func html(_ marked: String) -> String {
        var html = ""
        html.reserveCapacity(marked.utf8.count + 16)
        for character in marked {
            switch character {
            case open: html += "<mark>"
            case close: html += "</mark>"
            case "&": html += "&amp;"
            case "<": html += "&lt;"
            case ">": html += "&gt;"
            case "\"": html += "&quot;"
            default: html.append(character)
            }
        }
        return html
    }
}
