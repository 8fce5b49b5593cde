import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import TrawlAPI

/// The served OpenAPI document must describe exactly the routes the router serves.
@Suite struct OpenAPIDocumentTests {
    /// `(METHOD, /path/{param})` pairs the document describes.
    static func documentedOperations(_ document: [String: Any]) -> Set<String> {
        let paths = document["paths"] as? [String: [String: Any]] ?? [:]
        var operations = Set<String>()
        for (path, item) in paths {
            for method in item.keys where method != "parameters" { operations.insert("\(method.uppercased()) \(path)") }
        }
        return operations
    }

    @Test func theDocumentAndTheRouterAgree() async throws {
        var logger = Logger(label: "openapi-test")
        logger.logLevel = .critical
        let router = buildRouter(service: InMemoryCrawlService(), configuration: APIConfiguration(), logger: logger)
        // Every registered route, in OpenAPI's path spelling; the 405 guards are found by asking them.
        let registered = router.routes.map { route in
            (method: route.method, path: route.path.description, openAPIPath: route.path.description
                .split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/"))
        }
        let app = Application(router: router, logger: logger)
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/.well-known/openapi.json", method: .get)
            #expect(response.status == .ok)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let documented = Self.documentedOperations(document)
            var served = Set<String>()
            for route in registered {
                let uri = route.path.replacingOccurrences(of: ":job_id", with: UUID().uuidString.lowercased())
                    .replacingOccurrences(of: ":run_id", with: UUID().uuidString.lowercased())
                let probe = try await client.execute(uri: uri, method: route.method,
                                                     headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}"))
                // The console's pages (`/` and `/ui/…`) are HTML for browsers, not part of the API the document describes.
                let isConsole = route.openAPIPath == "/" || route.openAPIPath.hasPrefix("/ui")
                if probe.status != .methodNotAllowed, !isConsole { served.insert("\(route.method.rawValue) \(route.openAPIPath)") }
            }
            #expect(served == documented, "served but undocumented: \(served.subtracting(documented)); documented but not served: \(documented.subtracting(served))")
            #expect(served.count >= 17)
        }
    }

    @Test func theDocsPageListsEveryOperation() async throws {
        var logger = Logger(label: "openapi-test")
        logger.logLevel = .critical
        let app = Application(router: buildRouter(service: InMemoryCrawlService(), configuration: APIConfiguration(), logger: logger),
                              logger: logger)
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/.well-known/docs", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            let page = String(decoding: response.body.readableBytesView, as: UTF8.self)
            #expect(page.contains("/v1/runs/{run_id}/pause"))
            #expect(page.contains("/.well-known/openapi.json"))
        }
    }
}
