import Testing
@testable import TrawlAPI

@Suite struct HealthRoutesTests {
    @Test func healthAndReadiness() async throws {
        let service = InMemoryCrawlService()
        try await APIHarness(service: service).run { client in
            let health = try await client.send(.get, "/healthz")
            #expect(health.status == .ok)
            #expect(health.json["status"] as? String == "ok")
            let ready = try await client.send(.get, "/readyz")
            #expect(ready.json["status"] as? String == "ready")

            await service.setReady(false)
            let notReady = try await client.send(.get, "/readyz")
            #expect(notReady.status == .serviceUnavailable)
            #expect(notReady.error["status"] as? Int == 503)
            #expect(notReady.errorCode == "unavailable")
            // Liveness does not depend on the store.
            #expect(try await client.send(.get, "/healthz").status == .ok)
        }
    }
}
