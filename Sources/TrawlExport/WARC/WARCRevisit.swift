import Foundation

/// What a `revisit` record says about the payload it does not repeat (WARC 1.1 §6.7).
public struct WARCRevisit: Sendable, Equatable {
    /// Why the payload is not repeated.
    public enum Profile: String, Sendable {
        /// The server answered a conditional request with 304: the record holds the 304's head.
        case serverNotModified = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
        /// The server sent the same bytes again: the record holds the new head, and the payload's digest.
        case identicalPayloadDigest = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
    }

    public var profile: Profile
    /// The URI and time of the capture that holds the payload.
    public var refersToTargetURI: String
    public var refersToDate: Date
    /// The payload itself, for the record's `WARC-Payload-Digest` (the original's, which is how deduplicating readers
    /// find it) and, with identical-payload-digest, for framing the head as the original was framed.
    public var payload: [UInt8]?

    /// A revisit with every field given.
    public init(profile: Profile, refersToTargetURI: String, refersToDate: Date, payload: [UInt8]? = nil) {
        self.profile = profile
        self.refersToTargetURI = refersToTargetURI
        self.refersToDate = refersToDate
        self.payload = payload
    }
}
