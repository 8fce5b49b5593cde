import Foundation
import Synchronization
import TrawlCore

/// A `Fetcher` that answers from a table of URLs, without a socket: for tests of the crawl loop's own logic (what it
/// schedules, settles, stores and stops on), where a fixture server would only add time. Anything not in the table
/// answers 404; every request is counted.
public final class ScriptedFetcher: Fetcher {
    /// One scripted answer.
    public struct Answer: Sendable {
        public var status: Int
        public var contentType: String
        public var body: [UInt8]

        public init(status: Int = 200, contentType: String = "text/html; charset=utf-8", body: String) {
            self.status = status
            self.contentType = contentType
            self.body = Array(body.utf8)
        }
    }

    private let answers: [String: Answer]
    private let requests = Mutex<[String]>([])

    /// Answers by absolute URL.
    public init(_ answers: [String: Answer]) { self.answers = answers }

    /// Every URL asked for, in order.
    public var requested: [String] { requests.withLock { $0 } }

    public func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchFailure> {
        let url = request.url.description
        requests.withLock { $0.append(url) }
        let answer = answers[url] ?? Answer(status: 404, contentType: "text/plain", body: "not found")
        let responseHead = "HTTP/1.1 \(answer.status) Scripted\r\nContent-Type: \(answer.contentType)\r\n"
            + "Content-Length: \(answer.body.count)\r\n\r\n"
        let requestHead = "GET \(url) HTTP/1.1\r\nUser-Agent: \(request.userAgent)\r\n\r\n"
        return .success(FetchResponse(
            url: request.url, status: answer.status, httpVersion: "1.1", requestHead: Array(requestHead.utf8),
            responseHead: Array(responseHead.utf8),
            headers: HTTPHeaders([("Content-Type", answer.contentType), ("Content-Length", String(answer.body.count))]),
            body: answer.body, truncated: false, ipAddress: "192.0.2.1", startedAt: Date(), duration: .milliseconds(1),
            wireBytes: responseHead.utf8.count + answer.body.count))
    }
}
