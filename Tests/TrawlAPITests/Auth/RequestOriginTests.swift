import Foundation
import HTTPTypes
import Hummingbird
import Testing
@testable import TrawlAPI

/// Another site's page, in the user's browser, must not be able to drive the API on the user's machine.
@Suite struct RequestOriginTests {
    /// What an HTML form or a `no-cors` fetch can send without a preflight: a POST with a form, multipart or
    /// plain-text body, or with none. Each is refused; the same requests as a real client sends them pass.
    @Test func stateChangingRequestsAPageCouldForgeAreRefused() async throws {
        try await APIHarness().run { client in
            let jobID = try await client.createJob()
            for contentType in ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"] {
                var headers = HTTPFields()
                headers[.contentType] = contentType
                let forged = try await client.send(.post, "/v1/jobs/\(jobID)/runs", headers: headers)
                #expect(forged.status == .unsupportedMediaType, "\(contentType)")
                #expect(forged.errorCode == "unsupported_media_type")
            }
            #expect(try await client.send(.get, "/v1/jobs/\(jobID)/runs").ids.isEmpty, "nothing was started")

            var custom = HTTPFields()
            custom[.contentType] = "text/plain"
            custom[RequestOriginMiddleware.clientHeader] = "curl"
            #expect(try await client.send(.post, "/v1/jobs/\(jobID)/runs", headers: custom).status == .created)
            #expect(try await client.send(.post, "/v1/jobs/\(jobID)/runs").status == .created)  // X-Trawl-Client
            var jsonNoBody = HTTPFields()
            jsonNoBody[.contentType] = "application/json"
            let empty = try await client.send(.post, "/v1/jobs/\(jobID)/runs", headers: jsonNoBody)
            #expect(empty.status == .unsupportedMediaType, "a bodiless request shows itself with a header")
            #expect(try await client.send(.post, "/v1/jobs/\(jobID)/runs", json: "{}").status == .created)
            var tabbed = HTTPFields()
            tabbed[RequestOriginMiddleware.clientHeader] = "a\tb"
            #expect(try await client.send(.delete, "/v1/jobs/\(jobID)", headers: tabbed).status == .unsupportedMediaType)
            // Reads stay simple.
            var form = HTTPFields()
            form[.contentType] = "text/plain"
            #expect(try await client.send(.get, "/v1/jobs", headers: form).status == .ok)
        }
    }

    /// Without API keys, a page on a rebound name (`evil.example` → 127.0.0.1) names itself in `Host`.
    @Test func withoutKeysOnlyTheServersOwnHostNamesAreAnswered() async throws {
        // The test client always sends `Host: localhost`.
        try await APIHarness { $0.allowedHosts = ["127.0.0.1", "::1"] }.run { client in
            for path in ["/v1/jobs", "/healthz", "/metrics"] {
                let response = try await client.send(.get, path)
                #expect(response.status == .misdirectedRequest, "\(path)")
                #expect(response.errorCode == "misdirected_request")
            }
        }
        try await APIHarness { $0.allowedHosts = ["localhost"] }.run { client in
            let response = try await client.send(.get, "/v1/jobs")
            #expect(response.status == .ok)
        }
    }

    @Test(arguments: [
        ("127.0.0.1:8022", "127.0.0.1"), ("LOCALHOST", "localhost"), ("[::1]:8022", "::1"), ("[::1]", "::1"),
        ("trawl.internal.", "trawl.internal"), ("evil.example:80", "evil.example"),
    ])
    func hostNamesAreReadWithoutPortCaseOrBrackets(authority: String, host: String) {
        #expect(RequestOriginMiddleware.hostName(authority) == host)
    }

    @Test func malformedHostsAreNobody() {
        for authority in ["", ":80", "[::1", "[::1]x", "host:port", "[::1]:8o"] {
            #expect(RequestOriginMiddleware.hostName(authority) == nil, "\(authority)")
        }
    }
}
