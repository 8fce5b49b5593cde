import Hummingbird
import TrawlCore

/// Path parameters as typed IDs; a malformed UUID names nothing, so it is a 404 like any unknown ID.
enum PathID {
    /// The `{name}` segment as an ID of the given kind.
    static func read<Tag>(_ name: String, from context: TrawlRequestContext, as _: Identifier<Tag>.Type,
                          kind: String) throws(APIError) -> Identifier<Tag> {
        let text = context.parameters.get(name) ?? ""
        guard let id = Identifier<Tag>(text) else { throw APIError.notFound("no \(kind) with ID '\(text)'") }
        return id
    }
}
