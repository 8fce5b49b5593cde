import Foundation
import HTTPTypes
import Hummingbird
import Testing
@testable import TrawlAPI
import TrawlCore

/// The console's pages, rendered on the server over the in-memory service: every page renders, values from tenants are
/// text, forms without the session's token are refused, keys are asked for once and kept in cookies, and run controls
/// show the API's own 409 messages.
@Suite struct ConsoleTests {
    /// A browser: keeps the cookies the console sets and sends them back.
    final class Browser: @unchecked Sendable {
        let client: APIClient
        var cookies: [String: String] = [:]

        init(_ client: APIClient) { self.client = client }

        func get(_ uri: String) async throws -> APIResponse { try await send(.get, uri, form: nil) }

        func post(_ uri: String, form: [(String, String)], headers: HTTPFields = [:]) async throws -> APIResponse {
            try await send(.post, uri, form: form.map { "\(ConsoleLinks.encode($0.0))=\(ConsoleLinks.encode($0.1))" }
                .joined(separator: "&"), headers: headers)
        }

        func send(_ method: HTTPRequest.Method, _ uri: String, form: String?, headers: HTTPFields = [:]) async throws -> APIResponse {
            var headers = headers
            if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
            if form != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
            let response = try await client.client.execute(uri: uri, method: method, headers: headers,
                                                           body: form.map { ByteBuffer(string: $0) }) { response in
                APIResponse(status: response.status, headers: response.headers, body: Data(response.body.readableBytesView))
            }
            for cookie in response.headers[values: .setCookie] {
                let pair = cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
                if cookie.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
            }
            return response
        }

        /// The CSRF token of the forms on `page` (of the first form after `marker`, when given).
        static func token(_ page: APIResponse, after marker: String? = nil) -> String? {
            var text = page.text[...]
            if let marker {
                guard let start = text.range(of: marker) else { return nil }
                text = text[start.upperBound...]
            }
            guard let range = text.range(of: #"name="csrf" value=""#) else { return nil }
            return String(text[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    /// A job and a run through the API.
    func seed(_ client: APIClient, name: String = "docs") async throws -> (job: String, run: String) {
        let job = try await client.createJob(name: name)
        return (job, try await client.createRun(jobID: job))
    }

    @Test func everyPageRendersAsHTMLWithTheConsoleHeaders() async throws {
        try await APIHarness().run { client in
            let (job, run) = try await seed(client)
            let trigger = try await client.send(.post, "/v1/jobs/\(job)/triggers", json: TriggerRoutesTests.nightly)
            let triggerID = try #require(trigger.json["id"] as? String)
            let browser = Browser(client)
            for path in ["/ui/runs", "/ui/runs?statuses=pending&label=team%3Dsearch", "/ui/runs/\(run)", "/ui/runs/\(run)/log",
                         "/ui/runs/\(run)/links", "/ui/runs/\(run)/documents", "/ui/jobs", "/ui/jobs/new", "/ui/jobs/\(job)",
                         "/ui/jobs/\(job)/edit", "/ui/triggers/\(triggerID)", "/ui/search", "/ui/search?q=crawler&mode=text"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path): \(page.text.prefix(300))")
                #expect(page.headers[.contentType] == "text/html; charset=utf-8", "\(path)")
                #expect(page.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("script-src 'self'") == true)
                #expect(page.headers[.cacheControl] == "no-store")
                #expect(page.text.hasPrefix("<!doctype html>") && page.text.contains("<main id=\"main\">"), "\(path)")
            }
            // The front door, the assets and the live endpoint.
            #expect(try await browser.get("/").headers[.location] == "/ui/runs")
            let script = try await browser.get("/ui/assets/console.js")
            #expect(script.status == .ok && script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(try await browser.get("/ui/assets/console.css").status == .ok)
            // Assets may sit in shared caches: they never start a session (a cached cookie would be everyone's).
            let fresh = try await Browser(client).get("/ui/assets/console.css")
            #expect(fresh.status == .ok && fresh.headers[values: .setCookie].isEmpty)
            let live = try await browser.get("/ui/runs/\(run)/live")
            #expect(live.json["id"] as? String == run && live.json["steps"] != nil)
            // The export links stream the API's export.
            let export = try await browser.get("/ui/runs/\(run)/export?format=jsonl")
            #expect(export.status == .ok && export.headers[.contentType] == "application/x-ndjson")
            #expect(try await browser.get("/ui/runs/\(run)").text.contains("/ui/runs/\(run)/export?format=warc"))
            // An unknown run is a 404 page, not JSON.
            let missing = try await browser.get("/ui/runs/\(UUID())")
            #expect(missing.status == .notFound && missing.text.contains("<!doctype html>"))
        }
    }

    @Test func valuesFromTenantsAreShownAsText() async throws {
        try await APIHarness().run { client in
            let name = #"<script>alert(1)</script>"#
            let (job, _) = try await seed(client, name: name)
            let browser = Browser(client)
            for path in ["/ui/jobs", "/ui/jobs/\(job)", "/ui/jobs/\(job)/edit"] {
                let page = try await browser.get(path)
                #expect(!page.text.contains(name), "\(path)")
                #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
            }
            // A filter value is echoed into its field as text too.
            let filtered = try await browser.get("/ui/runs?job_ids=%22%3E%3Cscript%3E")
            #expect(!filtered.text.contains("\"><script>"))
        }
    }

    @Test func formsWithoutTheSessionsTokenAreRefused() async throws {
        try await APIHarness().run { client in
            let (_, run) = try await seed(client)
            let browser = Browser(client)
            let page = try await browser.get("/ui/runs/\(run)")
            let token = try #require(Browser.token(page))
            let before = try await client.send(.get, "/v1/runs/\(run)").json["status"] as? String
            #expect(before != "finished")
            // No token, a wrong one, and this session's token under another session: all refused, nothing changed.
            #expect(try await browser.post("/ui/runs/\(run)/stop", form: []).status == .forbidden)
            #expect(try await browser.post("/ui/runs/\(run)/stop", form: [("csrf", "forged")]).status == .forbidden)
            let other = Browser(client)
            _ = try await other.get("/ui/runs")
            #expect(try await other.post("/ui/runs/\(run)/stop", form: [("csrf", token)]).status == .forbidden)
            #expect(try await client.send(.get, "/v1/runs/\(run)").json["status"] as? String == before)
            // A browser that says the post comes from another site is refused even with the token.
            let evil: HTTPFields = [HTTPField.Name("Origin")!: "http://evil.example"]
            #expect(try await browser.post("/ui/runs/\(run)/stop", form: [("csrf", token)], headers: evil).status == .forbidden)
            let crossSite: HTTPFields = [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"]
            #expect(try await browser.post("/ui/runs/\(run)/stop", form: [("csrf", token)], headers: crossSite).status == .forbidden)
            // With it, the run stops and the browser is sent back to its page.
            let stopped = try await browser.post("/ui/runs/\(run)/stop", form: [("csrf", token)])
            #expect(stopped.status == .seeOther && stopped.headers[.location] == "/ui/runs/\(run)")
            #expect(try await client.send(.get, "/v1/runs/\(run)").json["status"] as? String == "finished")
        }
    }

    @Test func runControlsShowTheAPIsConflictMessages() async throws {
        try await APIHarness().run { client in
            let (_, run) = try await seed(client)
            // A finished run cannot be resumed.
            #expect(try await client.send(.put, "/v1/runs/\(run)/stop").status == .ok)
            let api = try await client.send(.put, "/v1/runs/\(run)/resume")
            #expect(api.status == .conflict)
            let message = try #require(api.error["message"] as? String)
            let browser = Browser(client)
            let token = try #require(Browser.token(try await browser.get("/ui/runs/\(run)")))
            let refused = try await browser.post("/ui/runs/\(run)/resume", form: [("csrf", token)])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains(HTML.escape(message)))
            #expect(refused.text.contains("role=\"alert\""))
        }
    }

    @Test func aManifestWithProblemsIsShownAgainWithThemBesideIt() async throws {
        try await APIHarness().run { client in
            let browser = Browser(client)
            let editor = try await browser.get("/ui/jobs/new")
            // The editor's own form carries the session's token.
            let token = try #require(Browser.token(editor, after: "<form class=\"manifest\""))
            #expect(token == Browser.token(editor))
            let manifest = #"{"name": "bad", "config": {"seeds": [], "speed": {"kind": "warp"}}}"#
            let refused = try await browser.post("/ui/jobs/new", form: [("csrf", token), ("manifest", manifest)])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("<code>config.speed"), "\(refused.text)")
            #expect(refused.text.contains(HTML.escape(manifest)))
            let saved = try await browser.post("/ui/jobs/new", form: [("csrf", token), ("manifest", """
                {"name": "good", "config": \(APIHarness.config)}
                """)])
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            #expect(try await browser.get(location).text.contains("<h1>good</h1>"))
            // Nesting no manifest needs is refused before any parser sees it.
            let deep = String(repeating: "[", count: 10_000)
            #expect(try await browser.post("/ui/jobs/new", form: [("csrf", token), ("manifest", deep)]).status == .badRequest)
        }
    }

    /// The cookie holds a pass, not the key: a key with characters no cookie may hold (a space, `;`) signs in too.
    @Test func aKeyWithCharactersNoCookieTakesSignsIn() async throws {
        let harness = APIHarness { $0.apiKeys = [APIKey(token: "key with; odd \"chars\"")] }
        try await harness.run { client in
            let browser = Browser(client)
            let signedIn = try await browser.post("/ui/sign-in", form: [("key", "key with; odd \"chars\""), ("next", "/ui/jobs")])
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/ui/jobs")
            #expect(try await browser.get("/ui/jobs").status == .ok)
        }
    }

    @Test func withKeysTheConsoleAsksForOneAndKeepsItInAStrictCookie() async throws {
        let harness = APIHarness { $0.apiKeys = [APIKey(token: "key-acme", tenants: ["acme"])] }
        try await harness.run { client in
            let job = try await client.send(.post, "/v1/jobs", json: APIHarness.jobBody(), tenant: "acme", token: "key-acme")
            #expect(job.status == .created)
            let browser = Browser(client)
            let asked = try await browser.get("/ui/runs?statuses=running")
            #expect(asked.status == .seeOther)
            #expect(asked.headers[.location] == "/ui/sign-in?next=%2Fui%2Fruns%3Fstatuses%3Drunning")
            #expect(try await browser.post("/ui/runs/\(UUID())/stop", form: []).status == .unauthorized)
            #expect(try await browser.get("/ui/sign-in").status == .ok)
            let wrong = try await browser.post("/ui/sign-in", form: [("key", "nope"), ("next", "/ui/runs")])
            #expect(wrong.status == .unauthorized && browser.cookies[ConsoleSession.keyCookie] == nil)
            // A return address off the console is not followed.
            let signedIn = try await browser.post("/ui/sign-in", form: [("key", "key-acme"), ("next", "//evil.example/")])
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/ui/runs")
            let cookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("trawl_key=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"))
            // It holds a pass the key signed, for 12 hours, not the key: a leaked cookie is no bearer token for the API.
            #expect(!cookie.contains("key-acme") && cookie.contains("Max-Age=43200"), "\(cookie)")
            // The key itself, or a pass altered or signed by another key, opens nothing.
            let pass = try #require(browser.cookies[ConsoleSession.keyCookie])
            let forger = Browser(client)
            for forged in ["key-acme", String(pass.dropLast(2)) + "xx", ConsolePass.mint(for: "key-other", expiry: .distantFuture)] {
                forger.cookies[ConsoleSession.keyCookie] = forged
                #expect(try await forger.get("/ui/jobs").status == .seeOther, "\(forged)")
            }
            // Behind a TLS proxy the cookies are Secure.
            let overTLS = Browser(client)
            let proxied: HTTPFields = [HTTPField.Name("X-Forwarded-Proto")!: "https"]
            let signedInOverTLS = try await overTLS.post("/ui/sign-in", form: [("key", "key-acme"), ("next", "/ui/runs")],
                                                         headers: proxied)
            #expect(signedInOverTLS.headers[values: .setCookie].allSatisfy { $0.contains("; Secure") })
            // The key's tenant is the one shown, whatever tenant cookie the browser sends.
            browser.cookies[ConsoleSession.tenantCookie] = "other"
            let jobs = try await browser.get("/ui/jobs")
            #expect(jobs.status == .ok && jobs.text.contains("<option selected>acme</option>") && jobs.text.contains(">docs</a>"))
            // The cookie is the console's credential, not the API's.
            let api = try await browser.send(.get, "/v1/jobs", form: nil)
            #expect(api.status == .unauthorized)
            // Signing out forgets the key.
            let token = try #require(Browser.token(jobs))
            _ = try await browser.post("/ui/sign-out", form: [("csrf", token)])
            #expect(browser.cookies[ConsoleSession.keyCookie] == nil)
            #expect(try await browser.get("/ui/runs").status == .seeOther)
        }
    }

    @Test func aKeyThatAllowsNoTenantGetsNone() async throws {
        let harness = APIHarness { $0.apiKeys = [APIKey(token: "key-none", tenants: [])] }
        try await harness.run { client in
            let browser = Browser(client)
            let signedIn = try await browser.post("/ui/sign-in", form: [("key", "key-none"), ("next", "/ui/runs")])
            #expect(signedIn.status == .seeOther)
            #expect(try await browser.get("/ui/runs").status == .forbidden)
            #expect(try await browser.get("/ui/jobs").status == .forbidden)
        }
    }
}
