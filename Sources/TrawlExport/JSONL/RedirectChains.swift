import TrawlCore

/// Where each redirect chain of a run began, so a document can name the URL that was linked (`url`)
/// and the one that answered with content (`final_url`).
struct RedirectChains: Sendable {
    private var origins: [String: RedirectHop] = [:]

    init(_ hops: [RedirectHop]) {
        var byTarget: [String: RedirectHop] = [:]
        for hop in hops where byTarget[hop.to] == nil { byTarget[hop.to] = hop }
        // Walk each target back to the first hop; the visited set stops redirect loops.
        for target in byTarget.keys {
            var hop = byTarget[target]!
            var visited: Set<String> = [target]
            while let previous = byTarget[hop.from], visited.insert(hop.from).inserted { hop = previous }
            origins[target] = hop
        }
    }

    /// The first hop of the chain that ended at `url`, if a redirect led there.
    func start(of url: String) -> RedirectHop? { origins[url] }
}
