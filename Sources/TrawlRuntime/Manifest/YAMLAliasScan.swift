/// Finds YAML anchors (`&name`) and aliases (`*name`) before a parser sees them: a tenant's manifest may not use them,
/// because a few lines of aliases expand into billions of nodes inside the parser (its duplicate-key check walks the
/// expansion), before any cap on converted values could apply.
///
/// Conservative: `&` or `*` where a YAML node may begin (at the start of a line's content, or after `- `, `: `, `? `,
/// `[`, `{` or `,`) outside quotes and comments counts, even inside a block scalar. The same characters inside a value
/// (`?a=1&b=2` in a URL) do not.
enum YAMLAliasScan {
    /// The line and column (1-based) of the first anchor or alias, or nil.
    static func firstAlias(in text: String) -> (line: Int, column: Int)? {
        var quote: Character?
        var line = 1
        var column = 0
        var previous: Character?
        // The last character other than a space on this line, outside quotes.
        var lastSignificant: Character?
        var inComment = false
        for character in text {
            column += 1
            defer { previous = character }
            if character == "\n" {
                line += 1
                column = 0
                lastSignificant = nil
                inComment = false
                continue
            }
            if inComment { continue }
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'":
                if lastSignificant == nil || previous == " " || "[{,:".contains(previous ?? " ") { quote = character }
            case "#" where previous == nil || previous == " " || previous == "\t":
                inComment = true
                continue
            case "&", "*":
                let startsNode = previous == nil || previous == " " || previous == "\t" || "[{,".contains(previous ?? " ")
                if startsNode, lastSignificant == nil || ":-?[{,".contains(lastSignificant ?? " ") {
                    return (line, column)
                }
            default:
                break
            }
            if character != " " && character != "\t" { lastSignificant = character }
        }
        return nil
    }
}
