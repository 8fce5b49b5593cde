/// HTML whose interpolations are escaped unless they are HTML themselves: a page is built from literals and values,
/// and a value from a tenant or a crawled page (a job named `<script>`, a title with `"`) can only ever be text.
struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup.
    private(set) var markup: String

    /// Markup trusted as it is: literals and what other `HTML` values made.
    init(trusted markup: String) { self.markup = markup }

    init(stringLiteral value: String) { markup = value }

    init(stringInterpolation: StringInterpolation) { markup = stringInterpolation.markup }

    var description: String { markup }

    /// Nothing.
    static let empty = HTML(trusted: "")

    /// The parts one after another.
    static func join(_ parts: some Sequence<HTML>, separator: HTML = .empty) -> HTML {
        HTML(trusted: parts.map(\.markup).joined(separator: separator.markup))
    }

    /// `text` escaped for element content and attribute values (quoted with `"`).
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    struct StringInterpolation: StringInterpolationProtocol {
        var markup = ""

        init(literalCapacity: Int, interpolationCount: Int) { markup.reserveCapacity(literalCapacity + interpolationCount * 16) }

        mutating func appendLiteral(_ literal: String) { markup += literal }

        /// Text: escaped.
        mutating func appendInterpolation(_ text: String) { markup += HTML.escape(text) }

        /// Text, or nothing.
        mutating func appendInterpolation(_ text: String?) { if let text { markup += HTML.escape(text) } }

        /// A number, as digits.
        mutating func appendInterpolation(_ number: Int) { markup += String(number) }

        /// Markup made by another `HTML` value: kept as it is.
        mutating func appendInterpolation(_ html: HTML) { markup += html.markup }

        /// Markup made by other `HTML` values, one after another.
        mutating func appendInterpolation(_ parts: [HTML]) { for part in parts { markup += part.markup } }
    }
}
