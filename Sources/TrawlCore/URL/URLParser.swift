/// Parses http(s) URLs and references relative to a base over UTF-8 bytes, following the WHATWG
/// URL standard's state machine for special schemes, and writes Trawl's normalised form.
///
/// The input is scanned once: scheme, then either an authority or what a relative reference keeps
/// of its base, then path segments and query, written into one buffer from which `string`, `path`
/// and `query` are cut.
struct URLParser {
    /// The input with surrounding C0 controls and spaces stripped and tabs and newlines removed.
    private let input: UnsafeBufferPointer<UInt8>
    private let base: CrawlURL?

    private init(input: UnsafeBufferPointer<UInt8>, base: CrawlURL?) {
        self.input = input
        self.base = base
    }

    /// Parses `input` relative to `base`; see `CrawlURL.init(_:relativeTo:)`.
    static func parse(_ input: String, relativeTo base: CrawlURL?) throws(URLParseError) -> CrawlURL {
        let length = input.utf8.count
        guard length <= CrawlURL.maximumLength else { throw .tooLong(length) }
        // The closure-taking APIs rethrow untyped errors, so the typed error travels in a Result.
        let result =
            input.utf8.withContiguousStorageIfAvailable { bytes in
                Result { () throws(URLParseError) in try parse(bytes, relativeTo: base) }
            }
            ?? Array(input.utf8).withUnsafeBufferPointer { bytes in
                Result { () throws(URLParseError) in try parse(bytes, relativeTo: base) }
            }
        return try result.get()
    }

    private static func parse(
        _ raw: UnsafeBufferPointer<UInt8>, relativeTo base: CrawlURL?
    ) throws(URLParseError) -> CrawlURL {
        var start = 0
        var end = raw.count
        while start < end, URLByte.isC0ControlOrSpace(raw[start]) { start += 1 }
        while end > start, URLByte.isC0ControlOrSpace(raw[end - 1]) { end -= 1 }
        let trimmed = UnsafeBufferPointer(rebasing: raw[start..<end])
        guard trimmed.contains(where: { URLByte.isTabOrNewline($0) }) else {
            return try URLParser(input: trimmed, base: base).parse()
        }
        // Rare (links wrapped across lines in HTML): copy once without tabs and newlines.
        let cleaned = trimmed.filter { !URLByte.isTabOrNewline($0) }
        return try cleaned.withUnsafeBufferPointer { bytes in
            Result { () throws(URLParseError) in try URLParser(input: bytes, base: base).parse() }
        }.get()
    }

    private func parse() throws(URLParseError) -> CrawlURL {
        guard !input.isEmpty else {
            guard let base else { throw .empty }
            return base
        }
        if let colon = schemeDelimiter() {
            let scheme = try Self.scheme(UnsafeBufferPointer(rebasing: input[0..<colon]))
            // "http:foo" against an http base is relative: a quirk of the standard's special schemes.
            if let base, base.scheme == scheme {
                return try resolve(from: colon + 1, against: base)
            }
            return try parseAuthority(from: skippingSlashes(from: colon + 1), scheme: scheme)
        }
        guard let base else { throw .relativeWithoutBase }
        return try resolve(from: 0, against: base)
    }

    // MARK: Scheme

    /// The index of the ":" ending a scheme, or nil when the input does not start with one.
    private func schemeDelimiter() -> Int? {
        guard URLByte.isAlpha(input[0]) else { return nil }
        var index = 1
        while index < input.count, URLByte.isSchemeCharacter(input[index]) { index += 1 }
        return index < input.count && input[index] == UInt8(ascii: ":") ? index : nil
    }

    private static func scheme(_ name: UnsafeBufferPointer<UInt8>) throws(URLParseError) -> CrawlURL.Scheme {
        let isHTTP =
            (name.count == 4 || name.count == 5) && URLByte.lowercased(name[0]) == UInt8(ascii: "h")
            && URLByte.lowercased(name[1]) == UInt8(ascii: "t") && URLByte.lowercased(name[2]) == UInt8(ascii: "t")
            && URLByte.lowercased(name[3]) == UInt8(ascii: "p")
        if isHTTP, name.count == 4 { return .http }
        if isHTTP, URLByte.lowercased(name[4]) == UInt8(ascii: "s") { return .https }
        throw .unsupportedScheme(String(decoding: name.map { URLByte.lowercased($0) }, as: UTF8.self))
    }

    // MARK: Relative references

    /// How much of the base URL a relative reference keeps before its own path and query.
    private enum BaseRetention {
        /// Scheme and authority only: the reference has an absolute path ("/x").
        case authority
        /// Up to the base's last "/": the reference has a relative path ("x", "../x").
        case directory
        /// The whole path: the reference has only a query ("?q").
        case path
    }

    private func resolve(from position: Int, against base: CrawlURL) throws(URLParseError) -> CrawlURL {
        guard position < input.count else { return base }
        switch input[position] {
        case UInt8(ascii: "/"), UInt8(ascii: "\\"):
            if position + 1 < input.count, URLByte.isSlash(input[position + 1]) {
                return try parseAuthority(from: skippingSlashes(from: position + 1), scheme: base.scheme)
            }
            return try resolve(against: base, keeping: .authority, from: position + 1)
        case UInt8(ascii: "?"):
            return try resolve(against: base, keeping: .path, from: position)
        case UInt8(ascii: "#"):
            // Fragments are dropped, so "#x" is the base itself.
            return base
        default:
            return try resolve(against: base, keeping: .directory, from: position)
        }
    }

    private func resolve(
        against base: CrawlURL, keeping retention: BaseRetention, from position: Int
    ) throws(URLParseError) -> CrawlURL {
        if let url = base.string.utf8.withContiguousStorageIfAvailable({ baseBytes in
            resolve(against: base, baseBytes: baseBytes, keeping: retention, from: position)
        }) {
            return try url.get()
        }
        return try Array(base.string.utf8).withUnsafeBufferPointer { baseBytes in
            resolve(against: base, baseBytes: baseBytes, keeping: retention, from: position)
        }.get()
    }

    /// Copies what the reference keeps of `base` (whose `string` is `baseBytes`), then writes the rest.
    private func resolve(
        against base: CrawlURL, baseBytes: UnsafeBufferPointer<UInt8>, keeping retention: BaseRetention,
        from position: Int
    ) -> Result<CrawlURL, URLParseError> {
        let pathStart = base.authorityPrefixLength
        var keep = pathStart + base.path.utf8.count
        switch retention {
        case .authority:
            keep = pathStart
        case .path:
            break
        case .directory:
            // Drop the last segment; the base path starts with "/", so this stops at pathStart.
            while keep > pathStart, baseBytes[keep - 1] != UInt8(ascii: "/") { keep -= 1 }
            keep = max(keep - 1, pathStart)
        }
        let capacity = keep + 3 * (input.count - position) + 8
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var writer = URLByteWriter(buffer)
            writer.append(UnsafeBufferPointer(rebasing: baseBytes[0..<keep]))
            return finish(
                &writer, scheme: base.scheme, host: base.host, port: base.port, pathStart: pathStart,
                from: position, pathWritten: retention == .path)
        }
    }

    // MARK: Authority

    private func skippingSlashes(from position: Int) -> Int {
        var index = position
        while index < input.count, URLByte.isSlash(input[index]) { index += 1 }
        return index
    }

    /// Parses "[userinfo@]host[:port]" starting at `position`, then the path and query after it.
    private func parseAuthority(from position: Int, scheme: CrawlURL.Scheme) throws(URLParseError) -> CrawlURL {
        var end = position
        var lastAt: Int?
        while end < input.count {
            let byte = input[end]
            if URLByte.isSlash(byte) || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
            if byte == UInt8(ascii: "@") { lastAt = end }
            end += 1
        }
        // Userinfo is dropped: the host starts after the last "@".
        let hostStart = lastAt.map { $0 + 1 } ?? position
        var hostEnd = end
        var insideBrackets = false
        var index = hostStart
        while index < end {
            let byte = input[index]
            if byte == UInt8(ascii: "[") {
                insideBrackets = true
            } else if byte == UInt8(ascii: "]") {
                insideBrackets = false
            } else if byte == UInt8(ascii: ":") && !insideBrackets {
                hostEnd = index
                break
            }
            index += 1
        }
        guard hostEnd > hostStart else { throw .missingHost }
        let host = try URLHost.parse(UnsafeBufferPointer(rebasing: input[hostStart..<hostEnd]))
        let port = hostEnd < end ? try parsePort(hostEnd + 1..<end, scheme: scheme) : nil

        let capacity = 5 + 3 + host.utf8.count + 6 + 3 * (input.count - end) + 8
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var writer = URLByteWriter(buffer)
            writer.append(scheme.rawValue)
            writer.append("://")
            writer.append(host)
            if let port {
                writer.append(UInt8(ascii: ":"))
                writer.appendDecimal(port)
            }
            let pathStart = writer.count
            let pathPosition = end < input.count && URLByte.isSlash(input[end]) ? end + 1 : end
            return finish(
                &writer, scheme: scheme, host: host, port: port, pathStart: pathStart, from: pathPosition,
                pathWritten: false)
        }.get()
    }

    /// The port in `range`, or nil when it is empty or the scheme's default.
    private func parsePort(_ range: Range<Int>, scheme: CrawlURL.Scheme) throws(URLParseError) -> Int? {
        var value = 0
        for index in range {
            guard URLByte.isDigit(input[index]) else {
                throw .invalidPort(String(decoding: UnsafeBufferPointer(rebasing: input[range]), as: UTF8.self))
            }
            // Leading zeros are allowed ("0080"), so clamp rather than count digits.
            value = min(value * 10 + Int(input[index] - UInt8(ascii: "0")), 65536)
        }
        guard value <= 65535 else {
            throw .invalidPort(String(decoding: UnsafeBufferPointer(rebasing: input[range]), as: UTF8.self))
        }
        return range.isEmpty || value == scheme.defaultPort ? nil : value
    }

    // MARK: Path and query

    /// Writes the path (unless already written) and query, then cuts the URL's strings from `writer`; a result over
    /// `CrawlURL.maximumLength` is refused like an input over it (resolving against a long base or percent-encoding
    /// can make a short reference long), so every URL the crawl holds, stores and reads back again fits the limit.
    private func finish(
        _ writer: inout URLByteWriter, scheme: CrawlURL.Scheme, host: String, port: Int?, pathStart: Int,
        from position: Int, pathWritten: Bool
    ) -> Result<CrawlURL, URLParseError> {
        var position = position
        if !pathWritten { position = writePath(&writer, from: position, floor: pathStart) }
        if writer.count == pathStart { writer.append(UInt8(ascii: "/")) }
        let pathEnd = writer.count
        var query: String?
        if position < input.count, input[position] == UInt8(ascii: "?") {
            writer.append(UInt8(ascii: "?"))
            var end = position + 1
            while end < input.count, input[end] != UInt8(ascii: "#") { end += 1 }
            writer.appendNormalised(UnsafeBufferPointer(rebasing: input[(position + 1)..<end]), encoding: .query)
            query = writer.string((pathEnd + 1)..<writer.count)
        }
        guard writer.count <= CrawlURL.maximumLength else { return .failure(.tooLong(writer.count)) }
        return .success(CrawlURL(
            scheme: scheme, host: host, port: port, path: writer.string(pathStart..<pathEnd), query: query,
            string: writer.string(0..<writer.count)))
    }

    /// Appends the path segments starting at `position` to the path already in `writer` (which
    /// starts at `floor`), resolving dot segments; returns where the path ends ("?", "#" or the end).
    private func writePath(_ writer: inout URLByteWriter, from position: Int, floor: Int) -> Int {
        var start = position
        while true {
            var end = start
            while end < input.count {
                let byte = input[end]
                if URLByte.isSlash(byte) || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
                end += 1
            }
            let endsWithSlash = end < input.count && URLByte.isSlash(input[end])
            let segment = UnsafeBufferPointer(rebasing: input[start..<end])
            switch DotSegment(segment) {
            case .parent:
                writer.removeLastPathSegment(floor: floor)
                // A final ".." still leaves a directory: "/a/b/.." is "/a/".
                if !endsWithSlash { writer.append(UInt8(ascii: "/")) }
            case .current:
                if !endsWithSlash { writer.append(UInt8(ascii: "/")) }
            case nil:
                writer.append(UInt8(ascii: "/"))
                writer.appendNormalised(segment, encoding: .path)
            }
            guard endsWithSlash else { return end }
            start = end + 1
        }
    }
}
