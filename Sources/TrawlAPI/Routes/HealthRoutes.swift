import HTTPTypes
import Hummingbird
import TrawlCore

/// Liveness and readiness probes: open to everyone, outside `/v1`.
struct HealthRoutes<Service: CrawlService> {
    let service: Service

    private struct Status: Encodable {
        let status: String
    }

    func register(on router: Router<TrawlRequestContext>) {
        router.get("/healthz") { _, _ in
            try JSONResponse.make(Status(status: "ok"))
        }
        router.get("/readyz") { _, _ in
            guard await service.isReady() else { throw APIError.unavailable }
            return try JSONResponse.make(Status(status: "ready"))
        }
        MethodGuard.restrict("/healthz", to: [.get], on: router)
        MethodGuard.restrict("/readyz", to: [.get], on: router)
    }
}
