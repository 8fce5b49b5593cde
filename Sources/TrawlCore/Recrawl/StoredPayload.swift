/// A stored body with the response it came with: what a revisit resolves to.
public struct StoredPayload: Sendable, Equatable {
    public var body: [UInt8]
    public var status: Int
    /// The response head the body came with; empty when the body was moved to a revisit's row (its run deleted), whose
    /// own head is the revisit's exchange, not the payload's.
    public var responseHead: [UInt8]
    public var contentType: String?

    /// A payload with every field given.
    public init(body: [UInt8], status: Int, responseHead: [UInt8], contentType: String?) {
        self.body = body
        self.status = status
        self.responseHead = responseHead
        self.contentType = contentType
    }
}
