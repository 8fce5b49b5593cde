import Foundation

extension SeedSource {
    /// Seed component kinds as manifests spell them.
    enum Kind: String, CaseIterable {
        case staticList = "static_list"
        case sitemap
    }

    /// Reads the `seeds` list, which must name at least one source.
    static func readAll(_ value: ConfigValue, at path: String, with reader: inout ManifestReader) -> [SeedSource] {
        if case .array(let elements) = value, elements.isEmpty {
            reader.report(path, "at least one seed source is required")
        }
        return reader.components(value, at: path, of: Kind.self, unique: false).compactMap { read($0, with: &reader) }
    }

    /// Reads one seed component.
    static func read(_ component: ManifestReader.Component<Kind>, with reader: inout ManifestReader) -> SeedSource? {
        switch component.kind {
        case .staticList:
            guard let params = reader.fields(of: component.params, at: component.paramsPath, allowed: ["urls"]),
                  let urls = reader.field("urls", of: params, required: true, readURLs)
            else { return nil }
            return .staticList(urls: urls)
        case .sitemap:
            guard let params = reader.fields(of: component.params, at: component.paramsPath, allowed: ["urls", "limit"])
            else { return nil }
            let urls = reader.field("urls", of: params, required: true, readURLs)
            let limit = reader.field("limit", of: params) { $0.int($1, at: $2, in: 1...SeedSource.maximumSitemapLimit) }
            return urls.map { .sitemap(urls: $0, limit: limit) }
        }
    }

    /// The canonical component.
    var configValue: ConfigValue {
        switch self {
        case .staticList(let urls):
            .component(Kind.staticList.rawValue, [("urls", .strings(urls))])
        case .sitemap(let urls, let limit):
            .component(Kind.sitemap.rawValue, [("urls", .strings(urls)), ("limit", limit.map(ConfigValue.int) ?? .null)])
        }
    }

    /// A non-empty list of seed URLs.
    private static func readURLs(_ reader: inout ManifestReader, _ value: ConfigValue, _ path: String) -> [String]? {
        if case .array(let elements) = value, elements.isEmpty {
            reader.report(path, "must not be empty")
            return nil
        }
        return reader.list(value, at: path, readURL)
    }

    /// A URL that looks like http(s); only syntax is checked here, the crawler parses it properly.
    private static func readURL(_ reader: inout ManifestReader, _ value: ConfigValue, _ path: String) -> String? {
        guard let text = reader.string(value, at: path) else { return nil }
        let url = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let lowercased = url.lowercased()
        let scheme = ["http://", "https://"].first { lowercased.hasPrefix($0) }
        guard let scheme, url.count > scheme.count else {
            reader.report(path, "'\(text)' is not an http:// or https:// URL")
            return nil
        }
        guard !url.contains(where: \.isWhitespace) else {
            reader.report(path, "'\(url)' must not contain spaces")
            return nil
        }
        return url
    }
}
