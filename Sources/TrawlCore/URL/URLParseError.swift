/// Why a string could not be turned into a `CrawlURL`.
public enum URLParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input was empty (or only whitespace) and there was no base URL to fall back on.
    case empty
    /// The URL names a scheme other than http or https; carries the lower-cased scheme.
    case unsupportedScheme(String)
    /// The URL has an authority but no host (`http://`, `http://user@/`, `http://:80/`).
    case missingHost
    /// The host is not a valid domain, IPv4 or IPv6 address; carries the host as written.
    case invalidHost(String)
    /// The port is not a number from 0 to 65535; carries the port as written.
    case invalidPort(String)
    /// The input is a relative reference but no base URL was given.
    case relativeWithoutBase
    /// The URL, as given or once normalised, is longer than `CrawlURL.maximumLength`; carries that length in bytes.
    case tooLong(Int)

    /// A message fit to show a user, quoting the offending part of the input.
    public var description: String {
        switch self {
        case .empty:
            "the URL is empty"
        case .unsupportedScheme(let scheme):
            "unsupported URL scheme \"\(scheme)\": only http and https URLs can be crawled"
        case .missingHost:
            "the URL has no host name"
        case .invalidHost(let host):
            "invalid host \"\(host)\": expected a domain name, an IPv4 address or a bracketed IPv6 address"
        case .invalidPort(let port):
            "invalid port \"\(port)\": expected a number from 0 to 65535"
        case .relativeWithoutBase:
            "the URL is relative, but there is no base URL to resolve it against"
        case .tooLong(let length):
            "the URL is \(length) bytes long; the limit is \(CrawlURL.maximumLength) bytes"
        }
    }
}
