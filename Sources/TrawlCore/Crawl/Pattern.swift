/// A compiled URL pattern: a regular expression (RE2 syntax, unanchored, linear-time) or a glob where `*` matches
/// any run.
enum Pattern: Sendable {
    case regex(LinearRegex)
    case glob(GlobPattern)

    static func regex(_ source: String) throws(LinearRegex.CompileError) -> Pattern { .regex(try LinearRegex(source)) }
    static func glob(_ source: String) -> Pattern { .glob(GlobPattern(source)) }

    func matches(_ text: String) -> Bool {
        switch self {
        case .regex(let regex): regex.matches(text)
        case .glob(let glob): glob.matches(text)
        }
    }
}
