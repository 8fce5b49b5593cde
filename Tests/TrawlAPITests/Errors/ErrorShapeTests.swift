import Foundation
import HTTPTypes
import Hummingbird
import Testing
@testable import TrawlAPI

@Suite struct ErrorShapeTests {
    /// "Retry later" and "never" are different answers: a run that cannot resume for want of a slot says so, with
    /// its own code and a `Retry-After`, where an impossible transition says `invalid_state`.
    @Test func atCapacityIsItsOwnRetryableConflict() {
        let busy = APIError(.atCapacity("4 runs are already running", retryAfter: 5), requestID: "r")
        #expect(busy.status == .conflict && busy.code == "at_capacity")
        #expect(busy.headers[.retryAfter] == "5")
        let never = APIError(.invalidState("the run has finished"), requestID: "r")
        #expect(never.code == "invalid_state" && never.headers[.retryAfter] == nil)
    }

    @Test func payloadTooLarge() async throws {
        try await APIHarness { $0.maxBodyBytes = 64 }.run { client in
            let response = try await client.send(.post, "/v1/jobs", json: APIHarness.jobBody())
            #expect(response.status == .contentTooLarge)
            #expect(response.errorCode == "payload_too_large")
            #expect(response.error["status"] as? Int == 413)
            let small = try await client.send(.post, "/v1/jobs/\(UUID().uuidString)/runs", json: "{}")
            #expect(small.status == .notFound)
        }
    }

    @Test func unsupportedMediaType() async throws {
        try await APIHarness().run { client in
            // An empty or parameter-only Content-Type is refused too (the empty one crashed the server once).
            for type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "", " ", ";", "; charset=utf-8"] {
                var headers = HTTPFields()
                headers[.contentType] = type
                let response = try await client.send(.post, "/v1/jobs", json: APIHarness.jobBody(), headers: headers)
                #expect(response.status == .unsupportedMediaType, "\(type)")
                #expect(response.errorCode == "unsupported_media_type")
            }
            var charset = HTTPFields()
            charset[.contentType] = "Application/JSON; charset=utf-8"
            #expect(try await client.send(.post, "/v1/jobs", json: APIHarness.jobBody(), headers: charset).status == .created)
            // A body with no Content-Type at all is refused the same way.
            let untyped = try await client.client.execute(uri: "/v1/jobs", method: .post, body: ByteBuffer(string: APIHarness.jobBody()))
            #expect(untyped.status == .unsupportedMediaType)
        }
    }

    @Test func unknownQueryParametersAreListedNotIgnored() async throws {
        try await APIHarness().run { client in
            // Typos of real parameters: answered with a 422 naming each, not with an unfiltered list.
            let response = try await client.send(.get, "/v1/runs?status=bogus&per_pag=5&labels[env]=prod")
            #expect(response.status == .unprocessableContent)
            let fields = try #require(response.error["fields"] as? [[String: Any]])
            #expect(fields.map { $0["field"] as? String } == ["per_pag", "status"])
            #expect(fields.allSatisfy { $0["code"] as? String == "unknown_parameter" })
            for uri in ["/v1/jobs?nmes=docs", "/v1/triggers?job=x", "/v1/search?q=crawl&mod=text", "/v1/jobs?create_runs=true"] {
                let method: HTTPRequest.Method = uri.contains("create_runs") ? .post : .get
                let refused = try await client.send(method, uri, json: method == .post ? APIHarness.jobBody() : nil)
                #expect(refused.status == .unprocessableContent, "\(uri)")
                #expect(refused.errorCode == "validation_failed", "\(uri)")
            }
            #expect(try await client.send(.get, "/v1/runs?statuses=running&per_page=5&page=").status == .ok)
        }
    }

    @Test func invalidJSON() async throws {
        try await APIHarness().run { client in
            for body in ["{nope", #"{"name": }"#, "[1, 2", "\u{FF}"] {
                let response = try await client.send(.post, "/v1/jobs", json: body)
                #expect(response.status == .badRequest, "\(body)")
                #expect(response.errorCode == "invalid_json")
            }
        }
    }

    @Test func unknownRoutesAndMethods() async throws {
        try await APIHarness().run { client in
            for uri in ["/v1/nothing", "/v2/jobs", "/v1/runs/\(UUID().uuidString)/explode"] {
                let response = try await client.send(.get, uri)
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.errorCode == "not_found")
            }
            let deleteAll = try await client.send(.delete, "/v1/jobs")
            #expect(deleteAll.status == .methodNotAllowed)
            #expect(deleteAll.errorCode == "method_not_allowed")
            #expect(deleteAll.headers[.allow] == "GET, POST")
            #expect(try await client.send(.post, "/v1/runs/\(UUID().uuidString)/pause").status == .methodNotAllowed)
            #expect(try await client.send(.patch, "/v1/jobs/\(UUID().uuidString)").status == .methodNotAllowed)
            #expect(try await client.send(.post, "/healthz").status == .methodNotAllowed)
            // Whatever method a scanner tries on a known path, the answer is 405 with Allow, never 404.
            for method in [HTTPRequest.Method.trace, .options, .head, HTTPRequest.Method("QUERY")!] {
                let response = try await client.send(method, "/v1/runs")
                #expect(response.status == .methodNotAllowed, "\(method)")
                #expect(response.headers[.allow] == "GET", "\(method)")
            }
        }
    }

    /// Valid RFC 3339 that once crashed the server (year 0 minus an offset is year -1) or was refused (offsets past
    /// ±18:00); and blank IDs, which violate the documented UUID format.
    @Test func listFiltersTakeEveryValidTimestampAndRefuseBlankIDs() async throws {
        try await APIHarness().run { client in
            for value in ["0000-01-01T00:00:00%2B01:00", "0000-01-01T00:00:00Z", "2000-01-22T01:30:39%2B18:01",
                          "9999-12-31T23:59:59.999999999-23:59"] {
                for path in ["/v1/jobs", "/v1/runs"] {
                    let response = try await client.send(.get, "\(path)?created_after=\(value)&created_before=\(value)")
                    #expect(response.status == .ok, "\(path) \(value)")
                }
            }
            #expect(try await client.send(.get, "/v1/runs?job_ids=&job_ids=").status == .unprocessableContent)
            #expect(try await client.send(.get, "/v1/runs?job_ids=,").status == .unprocessableContent)
            // The same for enumerations: a blank item is not one of their values.
            #expect(try await client.send(.get, "/v1/runs?statuses=").status == .unprocessableContent)
            #expect(try await client.send(.get, "/v1/runs?statuses=running,").status == .unprocessableContent)
            #expect(try await client.send(.get, "/v1/runs?statuses=running").status == .ok)
            #expect(try await client.send(.get, "/v1/runs?failed=true").status == .ok)
            #expect(try await client.send(.get, "/v1/runs?failed=maybe").status == .unprocessableContent)
            #expect(try await client.send(.get, "/v1/runs?ready_for=text_search,semantic_search").status == .ok)
            #expect(try await client.send(.get, "/v1/runs?ready_for=search").status == .unprocessableContent)
            #expect(try await client.send(.get, "/v1/search?q=x&group=page").status == .ok)
            #expect(try await client.send(.get, "/v1/search?q=x&group=pages").status == .unprocessableContent)
        }
    }

    @Test func internalErrorsHideTheirCause() async throws {
        let service = InMemoryCrawlService()
        await service.setListFailure(.internal("disk I/O error at /var/lib/trawl/db.sqlite"))
        try await APIHarness(service: service).run { client in
            let response = try await client.send(.get, "/v1/jobs")
            #expect(response.status == .internalServerError)
            #expect(response.errorCode == "internal")
            let requestID = try #require(response.headers[APIClient.requestIDHeader])
            let message = try #require(response.error["message"] as? String)
            #expect(message.contains(requestID))
            #expect(!message.contains("sqlite"))
        }
    }

    @Test func everyResponseCarriesARequestID() async throws {
        try await APIHarness().run { client in
            var sane = HTTPFields()
            sane[APIClient.requestIDHeader] = "client-123.abc"
            #expect(try await client.send(.get, "/v1/jobs", headers: sane).headers[APIClient.requestIDHeader] == "client-123.abc")
            #expect(try await client.send(.get, "/v1/nothing", headers: sane).headers[APIClient.requestIDHeader] == "client-123.abc")

            var insane = HTTPFields()
            insane[APIClient.requestIDHeader] = "has spaces\tand tabs"
            let generated = try await client.send(.get, "/healthz", headers: insane).headers[APIClient.requestIDHeader]
            #expect(generated.flatMap(UUID.init(uuidString:)) != nil)

            let first = try await client.send(.get, "/v1/runs?per_page=0").headers[APIClient.requestIDHeader]
            let second = try await client.send(.get, "/v1/runs?per_page=0").headers[APIClient.requestIDHeader]
            #expect(first != nil && first != second)
        }
    }

    @Test func errorBodiesShareOneShape() async throws {
        try await APIHarness().run { client in
            let response = try await client.send(.get, "/v1/runs/\(UUID().uuidString)")
            #expect(response.json.keys.sorted() == ["error"])
            #expect(Set(response.error.keys) == ["status", "code", "message"])
            #expect(response.error["status"] as? Int == 404)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
        }
    }
}
