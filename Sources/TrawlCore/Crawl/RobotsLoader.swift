/// Fetches an origin's robots.txt per RFC 9309 §2.3: redirects followed (up to five), 4xx means no rules,
/// 5xx, 429 or an unreachable server means "everything disallowed for now".
struct RobotsLoader: Sendable {
    let fetcher: any Fetcher
    let options: FetcherOptions
    let maxBytes: Int
    let maxRedirects: Int
    let addressPolicy: AddressPolicy

    /// The outcome for `origin`, and the raw body when there was one (for `Sitemap:` lines).
    func load(_ origin: Origin) async -> RobotsOutcome {
        var url = origin.robotsTxtURL
        for _ in 0...maxRedirects {
            let request = FetchRequest(url: url, userAgent: options.userAgent, timeout: options.timeout,
                                       connectTimeout: options.connectTimeout, maxBodyBytes: maxBytes,
                                       addressPolicy: addressPolicy)
            switch await fetcher.fetch(request) {
            case .failure(let failure) where failure.kind == .blockedAddress:
                return .blocked(failure.message)
            case .failure(let failure):
                return .unavailable("robots.txt unreachable: \(failure)")
            case .success(let response):
                switch response.status {
                case 200...299:
                    return .rules(RobotsRules(parsing: response.body, productToken: options.productToken))
                case 300...399:
                    guard let location = response.headers["Location"],
                          let next = try? CrawlURL(location, relativeTo: url) else { return .rules(.allowAll) }
                    url = next
                case 429, 500...599:
                    return .unavailable("robots.txt answered \(response.status)")
                default:
                    return .rules(.allowAll)
                }
            }
        }
        // Too many redirects: RFC 9309 lets a crawler treat the file as unavailable (4xx): no rules.
        return .rules(.allowAll)
    }
}
