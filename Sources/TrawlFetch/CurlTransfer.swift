import CCurl
import Foundation
import TrawlCore

/// The state of one transfer while libcurl runs it; reached from C callbacks through `CURLOPT_PRIVATE`.
///
/// Handed once from the submitting task to the multi thread through the inbox lock; after that only the
/// multi thread touches it, so it needs no locking of its own.
final class CurlTransfer: @unchecked Sendable {
    let request: FetchRequest
    let continuation: CheckedContinuation<Result<FetchResponse, FetchFailure>, Never>
    let startedAt = Date()
    let startInstant = ContinuousClock.now
    var body: [UInt8] = []
    /// The easy handle running this transfer, once started: the write callback asks it for the declared length.
    var easy: UnsafeMutableRawPointer?
    var responseHead: [UInt8] = []
    var requestHead: [UInt8] = []
    var truncated = false
    /// Set when the response head passed `maxHeadBytes`; the transfer then ends as a protocol failure.
    var headTooLarge = false
    /// libcurl writes its message here; it must outlive the transfer (curl does not copy it).
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    var headerList: UnsafeMutablePointer<curl_slist>?
    /// Set when the address policy refused a connection; the transfer then ends with this failure.
    var addressRefusal: FetchFailure?
    /// Where the body's bytes are reserved before they are kept.
    let budget: BodyMemoryBudget
    /// Paused by the write callback for want of budget; the multi loop resumes it when bytes are given back.
    var isPausedForMemory = false

    init(request: FetchRequest, continuation: CheckedContinuation<Result<FetchResponse, FetchFailure>, Never>,
         budget: BodyMemoryBudget) {
        self.request = request
        self.continuation = continuation
        self.budget = budget
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        // A transfer that ends without handing its bytes to a response (a failure) gives them back here.
        _ = budget.finishDownload(ObjectIdentifier(self))
        errorBuffer.deallocate()
        if let headerList { curl_slist_free_all(headerList) }
    }

    var errorMessage: String { String(cString: errorBuffer) }

    /// What the write callback should do with a chunk.
    enum Append {
        case kept, cut, waitForMemory
    }

    /// Appends body bytes once the budget has room for them; `cut` once the cap is passed, so the write callback
    /// can stop the transfer.
    func appendBody(_ bytes: UnsafeRawBufferPointer) -> Append {
        let room = request.maxBodyBytes - body.count
        guard room <= 0 || budget.reserve(min(bytes.count, room), for: ObjectIdentifier(self)) else {
            isPausedForMemory = true
            return .waitForMemory
        }
        if bytes.count > room {
            body.append(contentsOf: bytes.prefix(max(room, 0)))
            truncated = true
            return .cut
        }
        if body.isEmpty { body.reserveCapacity(initialCapacity(firstChunk: bytes.count)) }
        body.append(contentsOf: bytes)
        return .kept
    }

    /// Room for the whole body when the response declared its length, so a body is copied into place once, else
    /// `maxReservation` (trimmed by `takeBody`). The declaration is the peer's word and the room is not in the body
    /// budget, so it buys no more than `maxReservation` either. Bodies are held until their batch is written, so
    /// capacity they do not use is memory the crawl holds for nothing: a flat 64 KiB per body was half the crawl's
    /// peak heap on 20 KB pages.
    private func initialCapacity(firstChunk: Int) -> Int {
        var declared: curl_off_t = -1
        if let easy { _ = trawl_easy_getinfo_off(easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &declared) }
        let expected = declared > 0 ? Int(clamping: declared) : Self.maxReservation
        return min(request.maxBodyBytes, max(firstChunk, min(expected, Self.maxReservation)))
    }

    /// The body, its storage trimmed to its size when growth left much unused (a body without a declared length, or
    /// decoded from a smaller compressed one): it outlives the transfer by the parse and the batch write.
    func takeBody() -> [UInt8] {
        let unused = body.capacity - body.count
        guard unused > max(body.count / 8, 4096) else { return body }
        return body.withUnsafeBufferPointer { Array($0) }
    }

    /// The most capacity reserved before a body's bytes arrive.
    static let maxReservation = 64 << 10

    /// The lease on the body's bytes, for the response that takes the body.
    func takeLease() -> MemoryLease? {
        budget.finishDownload(ObjectIdentifier(self))
    }

    /// Appends one header line; a new status line (after a 1xx or an auth round) starts the head afresh. False once
    /// the head passes `maxHeadBytes`, so the header callback can stop the transfer.
    func appendHeaderLine(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if bytes.starts(with: Self.httpPrefix) { responseHead.removeAll(keepingCapacity: true) }
        guard responseHead.count + bytes.count <= Self.maxHeadBytes else {
            headTooLarge = true
            return false
        }
        responseHead.append(contentsOf: bytes)
        return true
    }

    /// The largest response head kept. Every page's head is stored with it (WARC), and HTTP/2's header compression
    /// lets a few KB on the wire stand for hundreds: real heads are a few KB, big cookies included. libcurl's own
    /// limit (300 KB in 7.88 after CVE-2023-38039) depends on the version installed.
    static let maxHeadBytes = 128 << 10

    /// Whether the request's address policy lets this transfer use a connection to `ip`; records the refusal if not.
    func admitsConnection(to ip: String) -> Bool {
        guard let reason = request.addressPolicy.blockReason(ip) else { return true }
        addressRefusal = .blockedAddress(reason: reason)
        return false
    }

    private static let httpPrefix: [UInt8] = Array("HTTP/".utf8)
}
