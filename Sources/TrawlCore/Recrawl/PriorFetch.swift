import Foundation

/// What the job's previous run holds for one URL: the validators to send, and the payload a revisit points at.
public struct PriorFetch: Sendable, Equatable {
    public var url: String
    /// When the previous run last confirmed this payload current (its fetch, or its revalidation).
    public var verifiedAt: Date
    public var etag: String?
    public var lastModified: String?
    /// Hex SHA-256 of the payload.
    public var payloadSHA256: String
    /// The payload's `Content-Type`, which a 304 seldom repeats.
    public var contentType: String?
    /// Where the body is stored, and what it was fetched as.
    public var payloadSequence: Int64
    public var payloadURL: String
    public var payloadDate: Date
    public var payloadStatus: Int
    /// The payload's size: what reading it back costs in memory.
    public var payloadLength: Int

    /// A prior fetch with every field given.
    public init(url: String, verifiedAt: Date, etag: String?, lastModified: String?, payloadSHA256: String,
                contentType: String?, payloadSequence: Int64, payloadURL: String, payloadDate: Date, payloadStatus: Int,
                payloadLength: Int) {
        self.url = url
        self.verifiedAt = verifiedAt
        self.etag = etag
        self.lastModified = lastModified
        self.payloadSHA256 = payloadSHA256
        self.contentType = contentType
        self.payloadSequence = payloadSequence
        self.payloadURL = payloadURL
        self.payloadDate = payloadDate
        self.payloadStatus = payloadStatus
        self.payloadLength = payloadLength
    }

    /// A revisit of this payload, learned by `kind`.
    public func revisit(_ kind: Revisit.Kind) -> Revisit {
        Revisit(kind: kind, payloadSequence: payloadSequence, payloadURL: payloadURL, payloadDate: payloadDate,
                payloadStatus: payloadStatus)
    }
}
