import Foundation
import TrawlCore

/// One page of a list: `{"data": [...], "next_page": "<cursor>" | null}`.
struct ListPage<Item: Encodable & Sendable>: Encodable, Sendable {
    /// The page's items, most recent first.
    var data: [Item]
    /// The cursor for the next page; nil on the last page.
    var nextPage: String?

    private enum CodingKeys: String, CodingKey {
        case data, nextPage = "next_page"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(data, forKey: .data)
        // Explicit null, so clients can test `next_page === null`.
        if let nextPage { try container.encode(nextPage, forKey: .nextPage) } else { try container.encodeNil(forKey: .nextPage) }
    }
}

extension ListPage {
    /// A page from `rows` fetched with limit `perPage + 1`, whose next cursor `token` derives from the last row shown.
    init<Row>(rows: [Row], perPage: Int, token: (Row) -> String, document: (Row) -> Item) {
        let shown = rows.prefix(perPage)
        data = shown.map(document)
        nextPage = rows.count > perPage ? shown.last.map(token) : nil
    }

    /// A page from `rows` fetched with limit `perPage + 1`: the extra row only says that another page exists.
    init<Row>(rows: [Row], perPage: Int, binding: ListBinding, position: (Row) -> (Date, String),
              document: (Row) -> Item) {
        let shown = rows.prefix(perPage)
        data = shown.map(document)
        if rows.count > perPage, let last = shown.last {
            let (createdAt, id) = position(last)
            nextPage = PageCursor(createdAt: createdAt, id: id, binding: binding.fingerprint).token
        } else {
            nextPage = nil
        }
    }
}

extension ListPage where Item == RunResource {
    /// The page written directly: `{"data": [...], "next_page": …}` with each run by `RunResource.write(to:)`.
    var json: JSONWriter {
        var json = JSONWriter(capacity: 2_048 * max(1, data.count))
        json.beginObject()
        json.key("data")
        json.beginArray()
        for run in data { run.write(to: &json) }
        json.endArray()
        json.key("next_page")
        json.string(nextPage)
        json.endObject()
        return json
    }
}
