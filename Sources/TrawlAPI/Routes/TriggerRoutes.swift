import HTTPTypes
import Hummingbird
import TrawlCore

/// `/v1/triggers` and `/v1/jobs/{job_id}/triggers`: create, list, read, enable, disable and delete triggers, and
/// list what each firing did.
struct TriggerRoutes<Service: CrawlService> {
    let service: Service
    let bodyLimits: BodyLimits

    func register(on router: Router<TrawlRequestContext>) {
        router.get("/v1/triggers") { request, context in try await list(request, context, jobID: nil) }
        router.get("/v1/jobs/:job_id/triggers") { request, context in
            let jobID = try PathID.read("job_id", from: context, as: JobID.self, kind: "job")
            _ = try await ServiceCall.perform(context) { () async throws(ServiceError) in
                try await service.job(jobID, tenantID: context.tenantID)
            }
            return try await list(request, context, jobID: jobID)
        }
        router.post("/v1/jobs/:job_id/triggers") { request, context in
            let jobID = try PathID.read("job_id", from: context, as: JobID.self, kind: "job")
            let draft = try TriggerBody.draft(from: try await JSONBody.read(request, limits: bodyLimits))
            let trigger = try await ServiceCall.perform(context) { () async throws(ServiceError) in
                try await service.createTrigger(draft, jobID: jobID, tenantID: context.tenantID)
            }
            return try JSONResponse.make(TriggerResource(trigger), status: .created)
        }
        router.get("/v1/triggers/:trigger_id") { _, context in
            let id = try PathID.read("trigger_id", from: context, as: TriggerID.self, kind: "trigger")
            let trigger = try await ServiceCall.perform(context) { () async throws(ServiceError) in
                try await service.trigger(id, tenantID: context.tenantID)
            }
            return try JSONResponse.make(TriggerResource(trigger))
        }
        router.delete("/v1/triggers/:trigger_id") { _, context in
            let id = try PathID.read("trigger_id", from: context, as: TriggerID.self, kind: "trigger")
            try await ServiceCall.perform(context) { () async throws(ServiceError) in
                try await service.deleteTrigger(id, tenantID: context.tenantID)
            }
            return JSONResponse.noContent()
        }
        for (verb, enabled) in [("enable", true), ("disable", false)] {
            let path = RouterPath("/v1/triggers/:trigger_id/\(verb)")
            router.put(path) { _, context in
                let id = try PathID.read("trigger_id", from: context, as: TriggerID.self, kind: "trigger")
                let trigger = try await ServiceCall.perform(context) { () async throws(ServiceError) in
                    try await service.setTrigger(id, enabled: enabled, tenantID: context.tenantID)
                }
                return try JSONResponse.make(TriggerResource(trigger))
            }
            MethodGuard.restrict(path, to: [.put], on: router)
        }
        router.get("/v1/triggers/:trigger_id/executions") { request, context in try await executions(request, context) }
        MethodGuard.restrict("/v1/triggers", to: [.get], on: router)
        MethodGuard.restrict("/v1/jobs/:job_id/triggers", to: [.get, .post], on: router)
        MethodGuard.restrict("/v1/triggers/:trigger_id", to: [.get, .delete], on: router)
        MethodGuard.restrict("/v1/triggers/:trigger_id/executions", to: [.get], on: router)
    }

    private func list(_ request: Request, _ context: TrawlRequestContext, jobID: JobID?) async throws -> Response {
        var reader = QueryReader(try QueryParameters(query: request.uri.query))
        var query = TriggerQuery(tenantID: context.tenantID)
        TriggerFilters.table(acceptsJobIDs: jobID == nil).read(&reader, into: &query)
        if let jobID { query.jobIDs = [jobID] }
        let path = jobID.map { "/v1/jobs/\($0)/triggers" } ?? "/v1/triggers"
        let paging = try ListRequest(reading: &reader, path: path, tenant: context.tenantID,
                                     filters: TriggerFilters.table(acceptsJobIDs: true).lines(of: query))
        query.after = try paging.after(TriggerID.self)
        query.limit = paging.limit
        let triggers = try await ServiceCall.perform(context) { [query] () async throws(ServiceError) in
            try await service.listTriggers(query)
        }
        let page = ListPage(rows: triggers, perPage: paging.perPage, binding: paging.binding,
                            position: { ($0.createdAt, $0.id.description) }, document: TriggerResource.init)
        return try JSONResponse.make(page)
    }

    private func executions(_ request: Request, _ context: TrawlRequestContext) async throws -> Response {
        let id = try PathID.read("trigger_id", from: context, as: TriggerID.self, kind: "trigger")
        var reader = QueryReader(try QueryParameters(query: request.uri.query))
        let paging = try ListRequest(reading: &reader, path: "/v1/triggers/\(id)/executions", tenant: context.tenantID,
                                     filters: [])
        let after = try paging.after(TriggerExecutionID.self)
        let executions = try await ServiceCall.perform(context) { () async throws(ServiceError) in
            try await service.listExecutions(of: id, tenantID: context.tenantID, after: after, limit: paging.limit)
        }
        let page = ListPage(rows: executions, perPage: paging.perPage, binding: paging.binding,
                            position: { ($0.createdAt, $0.id.description) }, document: TriggerExecutionResource.init)
        return try JSONResponse.make(page)
    }
}
