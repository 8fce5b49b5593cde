import Testing

@testable import TrawlCore

struct URLParseErrorTests {
    @Test(arguments: [
        (URLParseError.empty, "the URL is empty"),
        (.unsupportedScheme("mailto"), "unsupported URL scheme \"mailto\": only http and https URLs can be crawled"),
        (.missingHost, "the URL has no host name"),
        (
            .invalidHost("a b"),
            "invalid host \"a b\": expected a domain name, an IPv4 address or a bracketed IPv6 address"
        ),
        (.invalidPort("99999"), "invalid port \"99999\": expected a number from 0 to 65535"),
        (.relativeWithoutBase, "the URL is relative, but there is no base URL to resolve it against"),
        (.tooLong(9000), "the URL is 9000 bytes long; the limit is 8192 bytes"),
    ])
    func messagesQuoteTheInput(error: URLParseError, message: String) {
        #expect(error.description == message)
    }

    @Test func thrownErrorsCarryTheOffendingText() {
        do {
            _ = try CrawlURL("http://exa mple.com:80/")
            Issue.record("expected an error")
        } catch {
            #expect(error == .invalidHost("exa mple.com"))
            #expect(error.description.contains("\"exa mple.com\""))
        }
    }
}
