import Foundation
import Hummingbird
import TrawlCore

/// `GET /v1/workers`: the processes sharing the store (API servers and crawl workers), whether each still beats, and
/// which of the caller's tenant's runs each executes. Other tenants' runs are never shown; the processes themselves
/// are the operator's, and every tenant sees the same list of them.
struct WorkerRoutes<Service: CrawlService> {
    let service: Service

    func register(on router: Router<TrawlRequestContext>) {
        router.get("/v1/workers") { request, context in try await list(request, context) }
        MethodGuard.restrict("/v1/workers", to: [.get], on: router)
    }

    private func list(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        var reader = QueryReader(try QueryParameters(query: request.uri.query))
        let paging = try ListRequest(reading: &reader, path: "/v1/workers", tenant: context.tenantID, filters: [])
        let after = try paging.token.map { token throws(APIError) in
            try PageCursor(token: token, expecting: paging.binding.fingerprint, idIsUUID: false)
        }
        let workers = try await ServiceCall.perform(context) { () async throws(ServiceError) in
            try await service.workers(tenantID: context.tenantID)
        }
        // A cluster has tens of processes, not millions: the list is read whole and paged here, by the same keyset
        // (most recently started first) as every other list.
        let ordered = workers.sorted { ($0.worker.startedAt, $0.worker.id) > ($1.worker.startedAt, $1.worker.id) }
        let rest = after.map { cursor in
            ordered.filter { ($0.worker.startedAt, $0.worker.id) < (cursor.date, cursor.id) }
        } ?? ordered
        let page = ListPage(rows: Array(rest.prefix(paging.limit)), perPage: paging.perPage, binding: paging.binding,
                            position: { ($0.worker.startedAt, $0.worker.id) }, document: WorkerResource.init)
        return try JSONResponse.make(page)
    }
}
