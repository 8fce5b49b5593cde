extension FetcherOptions {
    /// Fetcher component kinds as manifests spell them.
    enum Kind: String, CaseIterable {
        case http
    }

    /// Bounds that keep a typo from hanging or flooding a crawl.
    static let maxRedirectsBounds = 0...50
    /// The longest `timeout` and `connect_timeout`.
    static let maximumTimeout: Duration = .seconds(600)
    static let maxRetriesBounds = 0...20
    /// Bodies up to 128 MiB: the one limit from manifest to store. SQLite holds values up to 10^9 bytes, but a body
    /// is also parsed, extracted, exported and held in memory with others (see `BodyMemoryBudget`), so the bound is
    /// what one page may cost the whole pipeline, not what the database could take.
    static let maxBodyBytesBounds = (1 << 10)...FetcherOptions.maximumBodyBytes

    /// Reads the `fetcher` component.
    static func read(_ value: ConfigValue, at path: String, with reader: inout ManifestReader) -> FetcherOptions {
        var options = FetcherOptions()
        let allowed = ["user_agent", "headers", "timeout", "connect_timeout", "max_redirects", "max_retries", "max_body_bytes"]
        guard let component = reader.component(value, at: path, of: Kind.self),
              let params = reader.fields(of: component.params, at: component.paramsPath, allowed: allowed)
        else { return options }
        options.userAgent = reader.field("user_agent", of: params, readUserAgent) ?? options.userAgent
        options.headers = reader.field("headers", of: params, readHeaders) ?? options.headers
        // A transfer holds a connection and its body's memory for as long as its timeout: bounded, so one crawl's
        // stalled servers cannot hold them for days.
        func boundedDuration(_ reader: inout ManifestReader, _ value: ConfigValue, _ path: String) -> Duration? {
            guard let duration = reader.duration(value, at: path, allowZero: false) else { return nil }
            guard duration <= maximumTimeout else {
                reader.report(path, "must be at most \(DurationText.format(maximumTimeout))")
                return nil
            }
            return duration
        }
        options.timeout = reader.field("timeout", of: params, boundedDuration) ?? options.timeout
        options.connectTimeout = reader.field("connect_timeout", of: params, boundedDuration) ?? options.connectTimeout
        options.maxRedirects = reader.field("max_redirects", of: params) { $0.int($1, at: $2, in: maxRedirectsBounds) }
            ?? options.maxRedirects
        options.maxRetries = reader.field("max_retries", of: params) { $0.int($1, at: $2, in: maxRetriesBounds) }
            ?? options.maxRetries
        options.maxBodyBytes = reader.field("max_body_bytes", of: params) {
            $0.byteSize($1, at: $2, in: maxBodyBytesBounds, bounds: "1KiB and 128MiB")
        } ?? options.maxBodyBytes
        return options
    }

    /// The canonical `fetcher` component.
    var configValue: ConfigValue {
        .component(Kind.http.rawValue, [
            ("user_agent", .string(userAgent)),
            ("headers", .stringMap(headers)),
            ("timeout", .duration(timeout)),
            ("connect_timeout", .duration(connectTimeout)),
            ("max_redirects", .int(maxRedirects)),
            ("max_retries", .int(maxRetries)),
            ("max_body_bytes", .int(maxBodyBytes)),
        ])
    }

    /// A user agent that starts with a product name (robots.txt groups are matched on it) and is a valid header value.
    private static func readUserAgent(_ reader: inout ManifestReader, _ value: ConfigValue, _ path: String) -> String? {
        guard let agent = reader.string(value, at: path, nonEmpty: true) else { return nil }
        if let problem = headerValueProblem(agent) {
            reader.report(path, problem)
            return nil
        }
        guard FetcherOptions(userAgent: agent).productToken.isEmpty == false else {
            reader.report(path, "must start with a product name such as MyBot/1.0")
            return nil
        }
        return agent
    }

    /// Extra headers: valid names, values without line breaks, each name once, and no User-Agent.
    private static func readHeaders(_ reader: inout ManifestReader, _ value: ConfigValue, _ path: String) -> [String: String]? {
        var seen: Set<String> = []
        return reader.stringMap(value, at: path) { name, value in
            if name.isEmpty || !name.unicodeScalars.allSatisfy(isTokenCharacter) {
                return (true, "'\(name)' is not a valid header name")
            }
            if name.lowercased() == "user-agent" {
                return (true, "set the user agent with user_agent, not in headers")
            }
            if !seen.insert(name.lowercased()).inserted {
                return (true, "header '\(name)' is given twice (header names ignore case)")
            }
            return headerValueProblem(value).map { (false, $0) }
        }
    }

    /// Why `value` cannot be sent as a header value (control characters would split or corrupt the request), or nil.
    private static func headerValueProblem(_ value: String) -> String? {
        value.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\t" }
            ? "must not contain line breaks or control characters" : nil
    }

    /// RFC 9110 `tchar`: the characters a header name may use.
    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        return scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar)
    }
}
