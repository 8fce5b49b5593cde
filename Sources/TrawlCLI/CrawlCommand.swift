import ArgumentParser
import Foundation
import TrawlCore
import TrawlRuntime

/// `trawl crawl URL…`: the quick form of a crawl, with flags for the common manifest fields.
struct CrawlCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crawl",
        abstract: "Crawl from seed URLs (stays on the seeds' hosts unless --scope says otherwise).")

    @Argument(help: "Seed URLs (http or https).")
    var urls: [String] = []

    @Option(name: .customLong("sitemap"), help: "A sitemap URL (or a site URL whose robots.txt lists sitemaps); repeatable.")
    var sitemaps: [String] = []
    @Option(help: "Fetch pages up to this link distance from the seeds.") var maxDepth: Int?
    @Option(help: "Process at most this many URLs.") var maxUrls: Int?
    @Option(help: "Stop after this long, e.g. 30s, 10m, 6h.") var maxAge: String?
    @Option(help: "Stop after this many scheduling evaluations in a row find no work.") var maxEmptyEvaluations: Int?
    @Option(help: "origin | host (the seeds' host names, any port) | domain | any.") var scope: String = "host"
    @Option(help: "Only follow URLs matching this regular expression; repeatable.") var allow: [String] = []
    @Option(help: "Never follow URLs matching this regular expression; repeatable.") var deny: [String] = []
    @Option(help: "Requests in flight at once.") var concurrency: Int?
    @Option(help: "Requests in flight per origin at once.") var perHostConcurrency: Int?
    @Option(help: "Minimum delay between requests to one origin, e.g. 0, 250ms, 1s.") var delay: String?
    @Option(help: "Adaptive delay: this many times the last fetch's duration (0 turns it off).") var delayFactor: Double?
    @Option(help: "The User-Agent header; its first word is the robots.txt product token.") var userAgent: String?
    @Option(name: .customLong("label"), help: "A label key=value; repeatable.") var labels: [String] = []
    @Option(help: "The job's name (default: the first seed's host).") var name: String?
    @Flag(help: "Do not fetch or obey robots.txt.") var ignoreRobots = false
    @Flag(help: "Print only the final run object as JSON on stdout.") var json = false
    @Flag(help: "Store pages only: skip extraction, chunking, embedding and indexing (`trawl index` can do it later).")
    var noIndex = false
    @Flag(help: "Index full text only: extract, chunk and index the pages for text search, without embeddings.")
    var noEmbed = false
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if urls.isEmpty && sitemaps.isEmpty { throw ValidationError("give at least one seed URL or --sitemap") }
        for label in labels where !label.contains("=") { throw ValidationError("--label takes key=value, got '\(label)'") }
    }

    func run() async throws {
        let manifest = try makeManifest()
        let runtime = try await store.runtime()
        let (_, run) = try await runtime.createJobAndRun(manifest)
        try await CrawlSession(runtime: runtime, json: json, index: !noIndex).execute(run)
    }

    /// Builds the manifest these flags describe and validates it exactly as a manifest file would be.
    func makeManifest() throws -> Manifest {
        var components: [(String, ConfigValue)] = []
        var seeds: [ConfigValue] = []
        if !urls.isEmpty { seeds.append(component("static_list", ["urls": .array(urls.map(ConfigValue.string))])) }
        if !sitemaps.isEmpty { seeds.append(component("sitemap", ["urls": .array(sitemaps.map(ConfigValue.string))])) }
        components.append(("seeds", .array(seeds)))
        var criteria: [ConfigValue] = []
        if let maxUrls { criteria.append(component("max_urls", ["max_urls": .int(maxUrls)])) }
        if let maxDepth { criteria.append(component("max_depth", ["max_depth": .int(maxDepth)])) }
        if let maxAge { criteria.append(component("max_age", ["max_age": .string(maxAge)])) }
        if let maxEmptyEvaluations {
            criteria.append(component("max_empty_evaluations", ["max_empty_evaluations": .int(maxEmptyEvaluations)]))
        }
        components.append(("stopping_criteria", .array(criteria)))
        if ignoreRobots { components.append(("policies", .array([component("robots_txt", ["obey": .bool(false)])]))) }
        var filters = [component("scope", ["scope": .string(scope)])]
        if !allow.isEmpty || !deny.isEmpty {
            filters.append(component("regex_patterns", [
                "allow": .array(allow.map(ConfigValue.string)), "deny": .array(deny.map(ConfigValue.string)),
                "default_allow": .bool(allow.isEmpty),
            ]))
        }
        components.append(("filters", .array(filters)))
        if let userAgent { components.append(("fetcher", component("http", ["user_agent": .string(userAgent)]))) }
        var speed: [String: ConfigValue] = [:]
        if let concurrency { speed["concurrency"] = .int(concurrency) }
        if let perHostConcurrency { speed["per_host_concurrency"] = .int(perHostConcurrency) }
        if let delay { speed["delay"] = .string(delay) }
        if let delayFactor { speed["delay_factor"] = .double(delayFactor) }
        if !speed.isEmpty { components.append(("speed", component("fixed", speed))) }
        if noEmbed {
            components.append(("pipelines", .array([.object([("kind", "markdown")]), .object([("kind", "chunk")])])))
        }

        let labelPairs = labels.map { label -> (String, ConfigValue) in
            let parts = label.split(separator: "=", maxSplits: 1)
            return (String(parts[0]), .string(parts.count > 1 ? String(parts[1]) : ""))
        }
        let seedHost = (urls.first ?? sitemaps.first).flatMap { try? CrawlURL($0).host } ?? "crawl"
        let manifest = ConfigValue.object([
            ("name", .string(name ?? seedHost)), ("labels", .object(labelPairs)), ("config", .object(components)),
        ])
        do {
            return try Manifest(from: manifest)
        } catch {
            throw ValidationError(error.description)
        }
    }

    private func component(_ kind: String, _ params: [String: ConfigValue]) -> ConfigValue {
        .object([("kind", .string(kind)), ("params", .object(params.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))])
    }
}
