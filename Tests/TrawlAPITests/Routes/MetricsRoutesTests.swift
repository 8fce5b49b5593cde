import Foundation
import Testing
import TrawlCore
@testable import TrawlAPI

@Suite struct MetricsRoutesTests {
    @Test func exposesRunsByStatusFrontierAndRequestLatency() async throws {
        let service = InMemoryCrawlService()
        try await APIHarness(service: service).run { client in
            let jobID = try await client.createJob()
            let first = try await client.createRun(jobID: jobID)
            _ = try await client.createRun(jobID: jobID)
            _ = try await client.send(.put, "/v1/runs/\(first)/stop")
            _ = try await client.send(.get, "/v1/runs/\(UUID().uuidString)")

            let response = try await client.send(.get, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = response.text
            #expect(text.contains("# TYPE trawl_runs gauge"))
            #expect(text.contains(#"trawl_runs{status="running"} 1"#))
            #expect(text.contains(#"trawl_runs{status="finished"} 1"#))
            #expect(text.contains(#"trawl_runs{status="pending"} 0"#))
            #expect(text.contains("trawl_frontier_urls 0"))
            #expect(text.contains("# TYPE trawl_http_request_duration_seconds histogram"))
            // Routes are templates, so IDs never make new series.
            #expect(text.contains(#"route="/v1/runs/{run_id}/stop",status="200""#))
            #expect(text.contains(#"route="/v1/runs/{run_id}",status="404""#))
            #expect(!text.contains(first))
            #expect(try await client.send(.post, "/metrics").status == .methodNotAllowed)
        }
    }
}
