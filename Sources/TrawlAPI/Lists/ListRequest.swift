import Foundation
import TrawlCore

/// The paging half of a list request: how many items, and from where, for one endpoint-and-filters binding.
struct ListRequest: Sendable {
    /// Items per page, 1…100.
    let perPage: Int
    /// The `page` token: where the previous page ended; nil for the first page. Decoded by the list, which
    /// knows which kind of position it pages by.
    let token: String?
    /// The list this request pages through.
    let binding: ListBinding

    /// Reads `per_page` and `page` after the filters: a 422 lists every bad parameter (filters included)
    /// before the cursor is judged, since a cursor cannot be checked against filters that failed to parse.
    init(reading reader: inout QueryReader, path: String, tenant: String, filters: [String]) throws(APIError) {
        perPage = reader.perPage()
        let token = reader.last("page")
        try reader.check()
        binding = ListBinding(path: path, tenant: tenant, filters: filters)
        self.token = token?.isEmpty == false ? token : nil
    }

    /// The keyset position to continue after, typed for the listed items.
    func after<Tag>(_: Identifier<Tag>.Type) throws(APIError) -> (createdAt: Date, id: Identifier<Tag>)? {
        guard let token else { return nil }
        let cursor = try PageCursor(token: token, expecting: binding.fingerprint)
        guard let id = Identifier<Tag>(cursor.id) else { throw APIError.invalidCursor }
        return (cursor.date, id)
    }

    /// The position to continue after, for lists ordered by an integer position.
    func sequenceAfter() throws(APIError) -> SequenceCursor? {
        guard let token else { return nil }
        return try SequenceCursor(token: token, expecting: binding.fingerprint)
    }

    /// Rows to fetch: one more than shown, to learn whether another page exists without counting.
    var limit: Int { perPage + 1 }
}
