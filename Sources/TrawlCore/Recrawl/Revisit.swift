import Foundation

/// A page whose payload is an earlier run's: the crawl learned it had not changed, so the body is stored once, with
/// the page that first fetched it, and this page points there.
public struct Revisit: Sendable, Equatable {
    /// How the crawl learned the payload had not changed.
    public enum Kind: String, Sendable, CaseIterable {
        /// The server answered a conditional request with 304 Not Modified.
        case notModified = "not_modified"
        /// The server sent the whole body again, and its digest equals the earlier one.
        case identicalPayload = "identical_payload"
        /// No request was made: the earlier copy was younger than `min_age`, or older than the sitemap's `lastmod`.
        case fresh
    }

    public var kind: Kind
    /// The store sequence of the page whose row holds the body.
    public var payloadSequence: Int64
    /// The URL and time the payload was fetched at: what WARC's `WARC-Refers-To-Target-URI` and `-Date` name.
    public var payloadURL: String
    public var payloadDate: Date
    /// The status the payload was served with (200 for a 304's payload).
    public var payloadStatus: Int

    /// A revisit with every field given.
    public init(kind: Kind, payloadSequence: Int64, payloadURL: String, payloadDate: Date, payloadStatus: Int) {
        self.kind = kind
        self.payloadSequence = payloadSequence
        self.payloadURL = payloadURL
        self.payloadDate = payloadDate
        self.payloadStatus = payloadStatus
    }
}
