/// Why a URL was not crawled; stored as the frontier row's reason and counted as `excluded`.
public enum Exclusion: String, Sendable, Codable, CaseIterable {
    case invalidURL = "invalid_url"
    case scope
    case filter
    case budget
    case robots
    case robotsUnavailable = "robots_unavailable"
    /// robots.txt rules that would take more than `RobotsRules.matchBudget` comparisons to decide on the URL: not
    /// fetched, as a disallow would not be.
    case robotsTooCostly = "robots_too_costly"
    /// The origin resolves to an address the runtime's address policy forbids.
    case blockedAddress = "blocked_address"
    case nofollow
    case tooManyRedirects = "too_many_redirects"
    case urlTooLong = "url_too_long"
    case queryTooLong = "query_too_long"
    case tooManySegments = "too_many_segments"
    case repeatedSegments = "repeated_segments"
}
