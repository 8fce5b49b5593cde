import Foundation
import TrawlCore

/// One JSONL line: a document as search and RAG pipelines want it.
struct JSONLDocument: Encodable {
    let url: String
    let finalURL: String
    let status: Int
    let contentType: String?
    let depth: Int
    let parentURL: String?
    let fetchedAt: String
    let title: String?
    let text: String?
    let outlinks: [String]
    let contentSHA256: String
    let canonicalURL: String?
    let language: String?
    let noindex: Bool
    let truncated: Bool
    /// The payload is the job's previous run's: the page did not change.
    let unchanged: Bool
    /// How that was learned (`not_modified`, `identical_payload`, `fresh`); nil for a page fetched anew.
    let revisit: String?

    enum CodingKeys: String, CodingKey {
        case url, status, depth, title, text, outlinks, language, noindex, truncated, unchanged, revisit
        case finalURL = "final_url", contentType = "content_type", parentURL = "parent_url", fetchedAt = "fetched_at"
        case contentSHA256 = "content_sha256", canonicalURL = "canonical_url"
    }

    init(_ stored: StoredPage, text: String?, chains: RedirectChains) {
        let page = stored.page
        let start = chains.start(of: page.url)
        url = start?.from ?? page.url
        finalURL = page.url
        // The document's status: a revisit resolved to its payload says 200, and `revisit` says it was a 304.
        status = page.status
        contentType = page.contentType
        depth = page.depth
        parentURL = start.map { $0.parentURL } ?? page.parentURL
        fetchedAt = Timestamp.format(page.fetchedAt)
        title = page.title
        self.text = text
        outlinks = page.outlinks
        contentSHA256 = stored.contentSHA256
        canonicalURL = page.canonicalURL
        language = page.language
        noindex = page.noindex
        truncated = page.truncated
        unchanged = page.revisit != nil
        revisit = page.revisit?.kind.rawValue
    }

    func line() throws(ExportError) -> String {
        do {
            return String(decoding: try Self.encoder.encode(self), as: UTF8.self)
        } catch {
            throw ExportError("cannot encode \(url): \(error)")
        }
    }

    // Encoding explicitly keeps nulls (`"title": null`), so every line has every key.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(url, forKey: .url)
        try container.encode(finalURL, forKey: .finalURL)
        try container.encode(status, forKey: .status)
        try container.encode(contentType, forKey: .contentType)
        try container.encode(depth, forKey: .depth)
        try container.encode(parentURL, forKey: .parentURL)
        try container.encode(fetchedAt, forKey: .fetchedAt)
        try container.encode(title, forKey: .title)
        try container.encode(text, forKey: .text)
        try container.encode(outlinks, forKey: .outlinks)
        try container.encode(contentSHA256, forKey: .contentSHA256)
        try container.encode(canonicalURL, forKey: .canonicalURL)
        try container.encode(language, forKey: .language)
        try container.encode(noindex, forKey: .noindex)
        try container.encode(truncated, forKey: .truncated)
        try container.encode(unchanged, forKey: .unchanged)
        try container.encode(revisit, forKey: .revisit)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()
}
