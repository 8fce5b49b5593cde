import Foundation

/// Everything kept of one fetched URL: enough to export JSONL, Markdown and a faithful WARC.
public struct PageRecord: Sendable, Equatable {
    public var url: String
    public var depth: Int
    public var parentURL: String?
    public var fetchedAt: Date
    public var status: Int
    public var contentType: String?
    public var title: String?
    /// Outgoing links, absolute and normalised, in document order without duplicates.
    public var outlinks: [String]
    /// The `Location` target of a redirect response, resolved.
    public var redirectTarget: String?
    public var canonicalURL: String?
    public var language: String?
    public var noindex: Bool
    public var requestHead: [UInt8]
    public var responseHead: [UInt8]
    /// The content-decoded body, possibly truncated at the cap.
    public var body: [UInt8]
    public var truncated: Bool
    public var ipAddress: String?
    public var httpVersion: String
    public var durationMilliseconds: Int
    /// A per-page problem short of failure: "too_large" (a truncated body), "parse_budget", "link_budget",
    /// "filter_budget".
    public var warning: String?
    /// The body's share of the process's memory budget, held until the record is stored and dropped.
    public var lease: MemoryLease?
    /// The validators a later run sends back: the response's, or (for a 304 that repeats none) the earlier ones.
    public var etag: String?
    public var lastModified: String?
    /// Set when the payload is an earlier run's: `body` is then empty, and the payload is read from its own row.
    public var revisit: Revisit?
    /// Hex SHA-256 of the payload when already known (a revisit's, or one computed to compare); else the store
    /// computes it from `body`.
    public var payloadSHA256: String?

    /// A record with every field given.
    public init(url: String, depth: Int, parentURL: String?, fetchedAt: Date, status: Int, contentType: String?,
                title: String?, outlinks: [String], redirectTarget: String?, canonicalURL: String?,
                language: String?, noindex: Bool, requestHead: [UInt8], responseHead: [UInt8], body: [UInt8],
                truncated: Bool, ipAddress: String?, httpVersion: String, durationMilliseconds: Int, warning: String?) {
        self.url = url
        self.depth = depth
        self.parentURL = parentURL
        self.fetchedAt = fetchedAt
        self.status = status
        self.contentType = contentType
        self.title = title
        self.outlinks = outlinks
        self.redirectTarget = redirectTarget
        self.canonicalURL = canonicalURL
        self.language = language
        self.noindex = noindex
        self.requestHead = requestHead
        self.responseHead = responseHead
        self.body = body
        self.truncated = truncated
        self.ipAddress = ipAddress
        self.httpVersion = httpVersion
        self.durationMilliseconds = durationMilliseconds
        self.warning = warning
    }
}

extension PageRecord {
    /// The status the payload was served with: a revisit's earlier 200 rather than its 304.
    public var payloadStatus: Int { revisit?.payloadStatus ?? status }

    /// Whether the stored row's body is the payload (false for a revisit, whose payload is an earlier row's).
    public var holdsPayload: Bool { revisit == nil }
}

/// A page as read back from the store, with what the store derived on write.
public struct StoredPage: Sendable, Equatable {
    /// Store order: pages come back in the order they were written.
    public var sequence: Int64
    public var page: PageRecord
    /// Hex SHA-256 of the payload (a revisit's is the earlier body's).
    public var contentSHA256: String

    /// A stored page.
    public init(sequence: Int64, page: PageRecord, contentSHA256: String) {
        self.sequence = sequence
        self.page = page
        self.contentSHA256 = contentSHA256
    }
}
