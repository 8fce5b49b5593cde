import Foundation
import TrawlCore

/// The paging half of a list request: how many items, and from where, for one endpoint-and-filters binding.
struct ListRequest: Sendable {
    /// Items per page, 1…100.
    let perPage: Int
    /// Where the previous page ended; nil for the first page.
    let cursor: PageCursor?
    /// The list this request pages through.
    let binding: ListBinding

    /// Reads `per_page` and `page` after the filters: a 422 lists every bad parameter (filters included)
    /// before the cursor is judged, since a cursor cannot be checked against filters that failed to parse.
    init(reading reader: inout QueryReader, path: String, tenant: String, filters: [String]) throws(APIError) {
        perPage = reader.perPage()
        try reader.check()
        binding = ListBinding(path: path, tenant: tenant, filters: filters)
        if let token = reader.parameters.last("page"), !token.isEmpty {
            cursor = try PageCursor(token: token, expecting: binding.fingerprint)
        } else {
            cursor = nil
        }
    }

    /// The keyset position to continue after, typed for the listed items.
    func after<Tag>(_: Identifier<Tag>.Type) throws(APIError) -> (createdAt: Date, id: Identifier<Tag>)? {
        guard let cursor else { return nil }
        guard let id = Identifier<Tag>(cursor.id) else { throw APIError.invalidCursor }
        return (cursor.date, id)
    }

    /// Rows to fetch: one more than shown, to learn whether another page exists without counting.
    var limit: Int { perPage + 1 }
}
