import Foundation
import TrawlTestSupport

/// Several fixture servers, one origin each: page `/p/k` links to `/p/k+1` and `/p/k+2` of its origin, and `/p/0`
/// also to the next origin's `/p/0`, so a crawl seeded at the first origin spreads over all of them. Each origin's last
/// page links to a late page of the previous origin, found only then, which links back to that origin's first pages:
/// an origin is crawled, given up, and leased again for one new URL whose links were all fetched already. Every page
/// takes `latency` to answer, and each server keeps the most requests it had in progress at once: what per-host
/// limits across processes are checked against.
final class MultiOriginSite: @unchecked Sendable {
    private(set) var servers: [FixtureServer] = []
    let pagesPerOrigin: Int
    private let lock = NSLock()
    private var inFlight: [Int] = []
    private var highest: [Int] = []
    private var bases: [String] = []

    init(origins: Int, pagesPerOrigin: Int, latency: Duration) throws {
        self.pagesPerOrigin = pagesPerOrigin
        inFlight = Array(repeating: 0, count: origins)
        highest = Array(repeating: 0, count: origins)
        for index in 0..<origins {
            servers.append(try FixtureServer { [unowned self] request in self.answer(request, origin: index, latency: latency) })
        }
        bases = servers.map(\.baseURL)
    }

    /// Every page, late ones included.
    var pageCount: Int { servers.count * (pagesPerOrigin + 1) }
    var seed: String { servers[0].url("/p/0") }

    /// The most page requests each origin had in progress at once.
    var highestConcurrency: [Int] { lock.withLock { highest } }

    /// Page requests per origin and target (robots.txt left out).
    var pageRequests: [String: Int] {
        var counts: [String: Int] = [:]
        for (index, server) in servers.enumerated() {
            for request in server.requests where request.path.hasPrefix("/p/") {
                counts["\(index)\(request.target)", default: 0] += 1
            }
        }
        return counts
    }

    var totalPageRequests: Int { pageRequests.values.reduce(0, +) }

    func stop() { servers.forEach { $0.stop() } }

    private func answer(_ request: FixtureRequest, origin: Int, latency: Duration) -> FixtureResponse {
        guard request.path.hasPrefix("/p/"), let page = Int(request.path.dropFirst(3)), (0...pagesPerOrigin).contains(page)
        else { return .notFound }
        lock.withLock {
            inFlight[origin] += 1
            highest[origin] = max(highest[origin], inFlight[origin])
        }
        // On the connection's own thread: holding it is what makes requests overlap when two clients send at once.
        Thread.sleep(forTimeInterval: Double(latency.components.attoseconds) / 1e18 + Double(latency.components.seconds))
        lock.withLock { inFlight[origin] -= 1 }
        let bases = lock.withLock { self.bases }
        var links = [page + 1, page + 2].filter { $0 < pagesPerOrigin }.map { "/p/\($0)" }
        if page == 0 { links.append(bases[(origin + 1) % servers.count] + "/p/0") }
        if page == pagesPerOrigin - 1 { links.append(bases[(origin + servers.count - 1) % servers.count] + "/p/\(pagesPerOrigin)") }
        if page == pagesPerOrigin { links = ["/p/0", "/p/1"] }
        let items = links.map { "<li><a href=\"\($0)\">\($0)</a></li>" }.joined()
        return .html("<!doctype html><html><head><title>Origin \(origin) page \(page)</title></head><body><ul>\(items)</ul></body></html>")
    }
}
