import HTTPTypes
import Hummingbird
import TrawlCore

/// `/v1/runs` and `/v1/jobs/{job_id}/runs`: list, create, read, delete and control one tenant's runs.
struct RunRoutes<Service: CrawlService> {
    let service: Service
    let bodyLimits: BodyLimits

    /// A control verb and the service call that performs it.
    private typealias Transition = @Sendable (Service, RunID, String) async throws(ServiceError) -> Run

    func register(on router: Router<TrawlRequestContext>) {
        router.get("/v1/runs") { request, context in try await list(request, context, jobID: nil) }
        router.get("/v1/jobs/:job_id/runs") { request, context in
            let jobID = try PathID.read("job_id", from: context, as: JobID.self, kind: "job")
            // A foreign or missing job is a 404, not an empty list, so its existence is never hinted at.
            _ = try await ServiceCall.perform(context) { () async throws(ServiceError) in
                try await service.job(jobID, tenantID: context.tenantID)
            }
            return try await list(request, context, jobID: jobID)
        }
        router.post("/v1/jobs/:job_id/runs") { request, context in try await create(request, context) }
        router.get("/v1/runs/:run_id") { _, context in
            let id = try PathID.read("run_id", from: context, as: RunID.self, kind: "run")
            let run = try await ServiceCall.perform(context) { () async throws(ServiceError) in
                try await service.run(id, tenantID: context.tenantID)
            }
            return JSONResponse.make(json: Self.json(run))
        }
        router.delete("/v1/runs/:run_id") { _, context in
            let id = try PathID.read("run_id", from: context, as: RunID.self, kind: "run")
            try await ServiceCall.perform(context) { () async throws(ServiceError) in
                try await service.deleteRun(id, tenantID: context.tenantID)
            }
            return JSONResponse.noContent()
        }
        control("pause", on: router) { service, id, tenant throws(ServiceError) in try await service.pauseRun(id, tenantID: tenant) }
        control("resume", on: router) { service, id, tenant throws(ServiceError) in try await service.resumeRun(id, tenantID: tenant) }
        control("stop", on: router) { service, id, tenant throws(ServiceError) in try await service.stopRun(id, tenantID: tenant) }
        MethodGuard.restrict("/v1/runs", to: [.get], on: router)
        MethodGuard.restrict("/v1/jobs/:job_id/runs", to: [.get, .post], on: router)
        MethodGuard.restrict("/v1/runs/:run_id", to: [.get, .delete], on: router)
    }

    /// `PUT /v1/runs/{run_id}/<verb>` answering the run as it now is (unchanged when the transition already held).
    private func control(_ verb: String, on router: Router<TrawlRequestContext>, _ transition: @escaping Transition) {
        let path = RouterPath("/v1/runs/:run_id/\(verb)")
        router.put(path) { _, context in
            let id = try PathID.read("run_id", from: context, as: RunID.self, kind: "run")
            let run = try await ServiceCall.perform(context) { () async throws(ServiceError) in
                try await transition(service, id, context.tenantID)
            }
            return JSONResponse.make(json: Self.json(run))
        }
        MethodGuard.restrict(path, to: [.put], on: router)
    }

    private func list(_ request: Request, _ context: TrawlRequestContext, jobID: JobID?) async throws -> Response {
        // The canonical path, not the one sent, so `/v1/runs/` and `/v1/runs` share cursors.
        let path = jobID.map { "/v1/jobs/\($0)/runs" } ?? "/v1/runs"
        let page = try await page(query: request.uri.query, context, jobID: jobID, path: path)
        return JSONResponse.make(json: page.json)
    }

    /// One page of the tenant's runs as `query` (the API's run-list parameters) asks, with cursors bound to `path`:
    /// what the API's lists and the console's show.
    func page(query text: String?, _ context: TrawlRequestContext, jobID: JobID?,
              path: String) async throws -> ListPage<RunResource> {
        var reader = QueryReader(try QueryParameters(query: text))
        var query = RunQuery(tenantID: context.tenantID)
        RunFilters.table(acceptsJobIDs: jobID == nil).read(&reader, into: &query)
        if let jobID { query.jobIDs = [jobID] }
        let paging = try ListRequest(reading: &reader, path: path, tenant: context.tenantID,
                                     filters: RunFilters.table(acceptsJobIDs: true).lines(of: query))
        query.after = try paging.after(RunID.self)
        query.limit = paging.limit
        let runs = try await ServiceCall.perform(context) { [query] () async throws(ServiceError) in
            try await service.listRuns(query)
        }
        return ListPage(rows: runs, perPage: paging.perPage, binding: paging.binding,
                        position: { ($0.createdAt, $0.id.description) }, document: RunResource.init)
    }

    /// `run` as the API shows it.
    static func json(_ run: Run) -> JSONWriter {
        var json = JSONWriter()
        RunResource(run).write(to: &json)
        return json
    }

    private func create(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        let jobID = try PathID.read("job_id", from: context, as: JobID.self, kind: "job")
        let runID = try RunBody.runID(from: try await JSONBody.read(request, limits: bodyLimits))
        let run = try await ServiceCall.perform(context) { () async throws(ServiceError) in
            try await service.createRun(jobID: jobID, runID: runID, tenantID: context.tenantID)
        }
        return JSONResponse.make(json: Self.json(run), status: .created)
    }
}
