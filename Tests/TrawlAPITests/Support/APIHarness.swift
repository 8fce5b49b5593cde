import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
@testable import TrawlAPI
import TrawlCore

/// Drives the router in-process against an in-memory service.
struct APIHarness: Sendable {
    let service: InMemoryCrawlService
    var configuration = APIConfiguration()

    init(service: InMemoryCrawlService = InMemoryCrawlService(), configure: (inout APIConfiguration) -> Void = { _ in }) {
        self.service = service
        configure(&configuration)
    }

    /// Runs `test` with a client talking to a fresh application.
    func run(_ test: @escaping @Sendable (APIClient) async throws -> Void) async throws {
        var logger = Logger(label: "trawl-api-tests")
        logger.logLevel = .critical
        let router = buildRouter(service: service, configuration: configuration, logger: logger)
        let app = Application(router: router, logger: logger)
        try await app.test(.router) { client in
            try await test(APIClient(client: client))
        }
    }

    /// A minimal valid crawl config.
    static let config = #"{"seeds": [{"kind": "static_list", "params": {"urls": ["https://example.com/"]}}]}"#

    /// A valid job body.
    static func jobBody(name: String = "docs", labels: String = "{}", id: String? = nil) -> String {
        let idField = id.map { #""id": "\#($0)", "# } ?? ""
        return #"{\#(idField)"name": "\#(name)", "labels": \#(labels), "config": \#(config)}"#
    }
}

/// Sends requests as one tenant, optionally with a bearer key.
struct APIClient: Sendable {
    let client: any TestClientProtocol

    static let tenantHeader = HTTPField.Name("X-Tenant-Id")!
    static let requestIDHeader = HTTPField.Name("X-Request-Id")!

    /// Sends a request; a `json` body gets `Content-Type: application/json` unless `headers` set one.
    func send(_ method: HTTPRequest.Method, _ uri: String, json: String? = nil, tenant: String? = nil,
              token: String? = nil, headers: HTTPFields = [:]) async throws -> APIResponse {
        var headers = headers
        if let tenant { headers[Self.tenantHeader] = tenant }
        if let token { headers[.authorization] = "Bearer \(token)" }
        // A well-behaved client: JSON bodies say so, and bodiless state-changing requests carry X-Trawl-Client
        // (a form on another site can do neither); the cross-site tests set their own headers to show the rest.
        if json != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        if json == nil, RequestOriginMiddleware.changesState(method), headers[.contentType] == nil,
           headers[RequestOriginMiddleware.clientHeader] == nil {
            headers[RequestOriginMiddleware.clientHeader] = "trawl-tests"
        }
        let body = json.map { ByteBuffer(string: $0) }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
            APIResponse(status: response.status, headers: response.headers, body: Data(response.body.readableBytesView))
        }
    }

    /// Creates a job and returns its ID.
    func createJob(name: String = "docs", labels: String = "{}", tenant: String? = nil) async throws -> String {
        let response = try await send(.post, "/v1/jobs", json: APIHarness.jobBody(name: name, labels: labels), tenant: tenant)
        guard response.status == .created, let id = response.json["id"] as? String else {
            throw HarnessError.unexpected(response.text)
        }
        return id
    }

    /// Creates a run of `jobID` and returns its ID.
    func createRun(jobID: String, tenant: String? = nil) async throws -> String {
        let response = try await send(.post, "/v1/jobs/\(jobID)/runs", tenant: tenant)
        guard response.status == .created, let id = response.json["id"] as? String else {
            throw HarnessError.unexpected(response.text)
        }
        return id
    }
}

/// A setup step that did not answer as expected.
enum HarnessError: Error {
    case unexpected(String)
}

/// A response with its body kept as bytes; JSON views are computed on demand.
struct APIResponse: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: Data

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object (empty when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }

    /// The `error` object of an error body.
    var error: [String: Any] { json["error"] as? [String: Any] ?? [:] }
    /// The error's code.
    var errorCode: String? { error["code"] as? String }
    /// `field` of every entry of the error's `fields`.
    var errorFields: [String] { (error["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String } }
    /// `code` of every entry of the error's `fields`.
    var errorFieldCodes: [String] { (error["fields"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }
    /// The IDs in a list's `data`.
    var ids: [String] { (json["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
    /// A list's `next_page`, nil when null.
    var nextPage: String? { json["next_page"] as? String }
}
