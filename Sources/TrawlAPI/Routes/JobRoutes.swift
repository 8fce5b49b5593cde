import HTTPTypes
import Hummingbird
import TrawlCore

/// `/v1/jobs`: list, create, read, replace and delete one tenant's jobs.
struct JobRoutes<Service: CrawlService> {
    let service: Service
    let bodyLimits: BodyLimits

    func register(on router: Router<TrawlRequestContext>) {
        router.get("/v1/jobs") { request, context in try await list(request, context) }
        router.post("/v1/jobs") { request, context in try await create(request, context) }
        router.get("/v1/jobs/:job_id") { _, context in
            let id = try PathID.read("job_id", from: context, as: JobID.self, kind: "job")
            let job = try await ServiceCall.perform(context) { () async throws(ServiceError) in
                try await service.job(id, tenantID: context.tenantID)
            }
            return try JSONResponse.make(JobResource(job))
        }
        router.put("/v1/jobs/:job_id") { request, context in try await replace(request, context) }
        router.delete("/v1/jobs/:job_id") { _, context in
            let id = try PathID.read("job_id", from: context, as: JobID.self, kind: "job")
            try await ServiceCall.perform(context) { () async throws(ServiceError) in
                try await service.deleteJob(id, tenantID: context.tenantID)
            }
            return JSONResponse.noContent()
        }
        MethodGuard.restrict("/v1/jobs", to: [.get, .post], on: router)
        MethodGuard.restrict("/v1/jobs/:job_id", to: [.get, .put, .delete], on: router)
    }

    private func list(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        try JSONResponse.make(try await page(query: request.uri.query, context, path: "/v1/jobs"))
    }

    /// One page of the tenant's jobs as `query` (the API's job-list parameters) asks, with cursors bound to `path`.
    func page(query text: String?, _ context: TrawlRequestContext, path: String) async throws -> ListPage<JobResource> {
        var reader = QueryReader(try QueryParameters(query: text))
        var query = JobQuery(tenantID: context.tenantID)
        JobFilters.table.read(&reader, into: &query)
        let paging = try ListRequest(reading: &reader, path: path, tenant: context.tenantID,
                                     filters: JobFilters.table.lines(of: query))
        query.after = try paging.after(JobID.self)
        query.limit = paging.limit
        let jobs = try await ServiceCall.perform(context) { [query] () async throws(ServiceError) in
            try await service.listJobs(query)
        }
        return ListPage(rows: jobs, perPage: paging.perPage, binding: paging.binding,
                        position: { ($0.createdAt, $0.id.description) }, document: JobResource.init)
    }

    private func create(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        var reader = QueryReader(try QueryParameters(query: request.uri.query))
        let startRun = reader.flag("create_run")
        try reader.check()
        let draft = try JobBody.draft(from: try await JSONBody.read(request, limits: bodyLimits), acceptsID: true)
        let (job, run) = try await ServiceCall.perform(context) { () async throws(ServiceError) in
            try await service.createJob(draft, tenantID: context.tenantID, startRun: startRun)
        }
        return try JSONResponse.make(JobCreatedResource(job: job, run: startRun ? run : nil), status: .created)
    }

    private func replace(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        let id = try PathID.read("job_id", from: context, as: JobID.self, kind: "job")
        let draft = try JobBody.draft(from: try await JSONBody.read(request, limits: bodyLimits), acceptsID: false)
        let job = try await ServiceCall.perform(context) { () async throws(ServiceError) in
            try await service.updateJob(id, with: draft, tenantID: context.tenantID)
        }
        return try JSONResponse.make(JobResource(job))
    }
}
