/// Makes HTTP requests. The crawl engine's only way to reach the network.
public protocol Fetcher: Sendable {
    /// Performs one request; a response of any status is a success, a network failure an error.
    func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchFailure>
}
