import Testing
import TrawlTestSupport

/// The response builders and modifiers, without a server.
@Suite struct FixtureResponseTests {
    @Test func htmlIsUTF8WithExtraHeadersAfterTheContentType() {
        let response = FixtureResponse.html(
            "<p>é</p>", status: 410, headers: [(name: "X-Robots-Tag", value: "noindex")]
        )

        #expect(response.status == 410)
        #expect(response.headers.map(\.name) == ["Content-Type", "X-Robots-Tag"])
        #expect(response.header("content-type") == "text/html; charset=utf-8")
        #expect(response.body == Array("<p>é</p>".utf8))
        guard case .normal = response.behavior else {
            Issue.record("builders answer normally")
            return
        }
    }

    @Test func textBytesRedirectAndStatusBuilders() {
        let text = FixtureResponse.text("User-agent: *", contentType: "text/plain", status: 200)
        let bytes = FixtureResponse.bytes([0, 1, 2], contentType: "application/octet-stream", status: 206)
        let redirect = FixtureResponse.redirect(to: "../next")
        let found = FixtureResponse.redirect(to: "/x", status: 302)
        let unavailable = FixtureResponse.status(503, headers: [(name: "Retry-After", value: "120")])

        #expect(text.header("Content-Type") == "text/plain" && text.body == Array("User-agent: *".utf8))
        #expect(bytes.status == 206 && bytes.body == [0, 1, 2])
        #expect(redirect.status == 301 && redirect.header("Location") == "../next" && redirect.body.isEmpty)
        #expect(found.status == 302)
        #expect(unavailable.status == 503 && unavailable.header("retry-after") == "120" && unavailable.body.isEmpty)
        #expect(FixtureResponse.notFound.status == 404)
    }

    @Test func gzippedCompressesAndLabelsOnce() {
        let original = FixtureResponse.text(String(repeating: "abc", count: 1000))
            .adding(header: "Content-Encoding", "identity")

        let zipped = original.gzipped()

        #expect(zipped.body.starts(with: [0x1F, 0x8B]))
        #expect(zipped.body.count < original.body.count / 10)
        #expect(zipped.headers.filter { $0.name.lowercased() == "content-encoding" }.map(\.value) == ["gzip"])
        #expect(zipped.header("Content-Type") == "text/plain; charset=utf-8")
    }

    @Test func behavingAndAddingReturnModifiedCopies() {
        let base = FixtureResponse.html("x")

        let hanging = base.behaving(.hang).adding(header: "Set-Cookie", "a=1").adding(header: "Set-Cookie", "b=2")

        guard case .hang = hanging.behavior, case .normal = base.behavior else {
            Issue.record("behaving should change only the copy")
            return
        }
        #expect(hanging.headers.filter { $0.name == "Set-Cookie" }.map(\.value) == ["a=1", "b=2"])
        #expect(base.headers.count == 1)
    }
}
