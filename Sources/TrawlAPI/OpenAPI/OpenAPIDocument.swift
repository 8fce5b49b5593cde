import TrawlCore

/// The OpenAPI 3.1 description of every endpoint the router serves, kept in sync by a test that compares it
/// with the registered routes.
enum OpenAPIDocument {
    static var value: ConfigValue {
        [
            "openapi": "3.1.0",
            "info": [
                "title": "Trawl API", "version": "0.1.0",
                "description": "Crawl jobs and their runs. Every /v1 request may carry X-Tenant-Id; lists are cursor-paginated.",
            ],
            "servers": [["url": "http://127.0.0.1:8022"]],
            "paths": .object((pairs(paths) + runDataPaths + triggerPaths + workerPaths).map { ($0.0, requiringClientHeader($0.1)) }),
            "components": [
                "schemas": OpenAPISchemas.all,
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "parameters": parameters,
            ],
            "security": [["bearer": []], [:]],
        ]
    }

    private static var paths: ConfigValue {
        [
            "/healthz": ["get": operation("health", "Liveness", responses: ["200": json("Health")], tenant: false)],
            "/readyz": ["get": operation("ready", "Readiness: the store answers", responses: [
                "200": json("Health"), "503": json("Error"),
            ], tenant: false)],
            "/metrics": ["get": operation("metrics", "Prometheus metrics: runs by status, pages fetched, fetch errors by kind, frontier size, HTTP latency", responses: [
                "200": ["description": "Prometheus text exposition format 0.0.4", "content": ["text/plain": ["schema": ["type": "string"]]]],
            ], tenant: false)],
            "/.well-known/openapi.json": ["get": operation("openapi", "This document", responses: [
                "200": ["description": "The OpenAPI document", "content": ["application/json": ["schema": ["type": "object"]]]],
            ], tenant: false)],
            "/.well-known/docs": ["get": operation("docs", "A human page describing the API", responses: [
                "200": ["description": "HTML", "content": ["text/html": ["schema": ["type": "string"]]]],
            ], tenant: false)],
            "/v1/jobs": [
                "get": operation("listJobs", "List jobs, most recent first", parameters: listParameters + [
                    "include_ids", "exclude_ids", "names", "created_before", "created_after", "labels",
                ], responses: ["200": json("JobList")]),
                "post": operation("createJob", "Create a job (and with create_run=true its first run)",
                                  parameters: ["create_run"], body: "JobInput", responses: ["201": json("JobCreated")]),
            ],
            "/v1/jobs/{job_id}": [
                "parameters": [ref("job_id")],
                "get": operation("getJob", "Get a job", responses: ["200": json("Job")]),
                "put": operation("replaceJob", "Replace a job's name, labels and config", body: "JobReplacement",
                                 responses: ["200": json("Job")]),
                "delete": operation("deleteJob", "Delete a job with its runs", responses: ["204": ["description": "Deleted"]]),
            ],
            "/v1/runs": [
                "get": operation("listRuns", "List runs across jobs, most recent first",
                                 parameters: listParameters + ["job_ids"] + runFilters, responses: ["200": json("RunList")]),
            ],
            "/v1/jobs/{job_id}/runs": [
                "parameters": [ref("job_id")],
                "get": operation("listJobRuns", "List a job's runs, most recent first",
                                 parameters: listParameters + runFilters, responses: ["200": json("RunList")]),
                "post": operation("createRun", "Create and start a run of the job", body: "RunInput",
                                  responses: ["201": json("Run")]),
            ],
            "/v1/runs/{run_id}": [
                "parameters": [ref("run_id")],
                "get": operation("getRun", "Get a run", responses: ["200": json("Run")]),
                "delete": operation("deleteRun", "Stop if needed, then delete a run and what it produced",
                                    responses: ["204": ["description": "Deleted"]]),
            ],
            "/v1/runs/{run_id}/pause": control("pauseRun", "Pause a running run"),
            "/v1/runs/{run_id}/resume": control("resumeRun", "Resume a paused run"),
            "/v1/runs/{run_id}/stop": control("stopRun", "Stop a run with stop_reason manual"),
        ]
    }

    /// Adds the `X-Trawl-Client` header to every state-changing operation that may be sent without a JSON body:
    /// such a request must show it did not come from another site's form (`RequestOriginMiddleware`). A JSON
    /// content type or an `Authorization` header would do as well; the header is the one a document can require.
    private static func requiringClientHeader(_ item: ConfigValue) -> ConfigValue {
        guard case .object(let fields) = item else { return item }
        return .object(fields.map { method, operation in
            guard ["post", "put", "patch", "delete"].contains(method), case .object(var parts) = operation else {
                return (method, operation)
            }
            let body = parts.first { $0.0 == "requestBody" }?.1
            if case .object(let bodyFields)? = body, bodyFields.contains(where: { $0.0 == "required" && $0.1 == .bool(true) }) {
                return (method, operation)
            }
            if let index = parts.firstIndex(where: { $0.0 == "parameters" }), case .array(let list) = parts[index].1 {
                parts[index].1 = .array(list + [ref("trawl_client")])
            } else {
                parts.append(("parameters", [ref("trawl_client")]))
            }
            return (method, .object(parts))
        })
    }

    static let listParameters = ["page", "per_page"]
    private static let runFilters = ["include_ids", "exclude_ids", "statuses", "stop_reasons", "failed", "ready_for",
                                     "created_before", "created_after", "labels"]

    /// The members of an object literal, to concatenate path groups kept in separate files.
    static func pairs(_ value: ConfigValue) -> [(String, ConfigValue)] {
        guard case .object(let pairs) = value else { return [] }
        return pairs
    }

    private static func control(_ id: String, _ summary: String) -> ConfigValue {
        ["parameters": [ref("run_id")],
         "put": operation(id, summary, responses: ["200": json("Run")])]
    }

    static func operation(_ id: String, _ summary: String, parameters: [String] = [], body: String? = nil,
                                  responses: ConfigValue, tenant: Bool = true) -> ConfigValue {
        var fields: [(String, ConfigValue)] = [("operationId", .string(id)), ("summary", .string(summary))]
        let names = (tenant ? ["tenant"] : []) + parameters
        if !names.isEmpty { fields.append(("parameters", .array(names.map(ref)))) }
        if let body {
            // Required everywhere, `{}` for a run: a JSON body is what shows a request did not come from another
            // site's form (the server also takes a bodiless request that carries X-Trawl-Client).
            fields.append(("requestBody", ["required": true,
                                           "content": ["application/json": ["schema": OpenAPISchemas.ref(body)]]]))
        }
        var all: [(String, ConfigValue)] = []
        if case .object(let given) = responses { all = given }
        if tenant {
            // Every /v1 operation can answer with the error envelope.
            for code in ["400", "401", "403", "404", "408", "409", "413", "415", "422", "429"] { all.append((code, json("Error"))) }
        }
        // Without API keys, a Host the server does not answer for is refused on every path (DNS rebinding).
        all.append(("421", json("Error")))
        fields.append(("responses", .object(all)))
        return .object(fields)
    }

    static func json(_ schema: String) -> ConfigValue {
        ["description": .string(schema), "content": ["application/json": ["schema": OpenAPISchemas.ref(schema)]]]
    }

    static func ref(_ parameter: String) -> ConfigValue {
        ["$ref": .string("#/components/parameters/\(parameter)")]
    }

    private static var parameters: ConfigValue {
        let uuids: ConfigValue = ["type": "array", "items": OpenAPISchemas.uuid]
        func query(_ name: String, _ schema: ConfigValue, _ description: String) -> ConfigValue {
            var schema = schema
            // Lists take at most `QueryReader.maximumListValues` distinct values.
            if case .object(var fields) = schema, fields.contains(where: { $0.0 == "type" && $0.1 == "array" }) {
                fields.append(("maxItems", .int(QueryReader.maximumListValues)))
                schema = .object(fields)
            }
            return ["name": .string(name), "in": "query", "schema": schema, "description": .string(description),
                    "style": "form", "explode": true]
        }
        let shared: ConfigValue = [
            "trawl_client": ["name": "X-Trawl-Client", "in": "header", "required": true,
                             "schema": ["type": "string", "minLength": 1, "pattern": "^[\\x21-\\x7e]+$"],
                             "description": "Any value: shows a bodiless state-changing request was not sent by another site's form."],
            "tenant": ["name": "X-Tenant-Id", "in": "header", "schema": ["type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$"],
                       "description": "The tenant; the server's default tenant when absent."],
            "job_id": ["name": "job_id", "in": "path", "required": true, "schema": OpenAPISchemas.uuid],
            "run_id": ["name": "run_id", "in": "path", "required": true, "schema": OpenAPISchemas.uuid],
            "page": query("page", ["type": "string"], "Opaque cursor from the previous page's next_page."),
            "per_page": query("per_page", ["type": "integer", "minimum": 1, "maximum": 100, "default": 10], "Page size."),
            "job_ids": query("job_ids", uuids, "Only runs of these jobs."),
            "include_ids": query("include_ids", uuids, "Only these IDs."),
            "exclude_ids": query("exclude_ids", uuids, "Omit these IDs."),
            "names": query("names", ["type": "array", "items": ["type": "string"]], "Only jobs with these names."),
            "statuses": query("statuses", ["type": "array", "items": [
                "type": "string", "enum": OpenAPISchemas.strings(RunStatus.allCases.map(\.rawValue))]], "Only these statuses."),
            "stop_reasons": query("stop_reasons", ["type": "array", "items": [
                "type": "string", "enum": OpenAPISchemas.strings(StopReason.allCases.map(\.rawValue))]], "Only these stop reasons."),
            "created_before": query("created_before", OpenAPISchemas.timestamp, "Created before this time."),
            "created_after": query("created_after", OpenAPISchemas.timestamp, "Created after this time."),
            "labels": ["name": "labels", "in": "query", "style": "deepObject", "explode": true,
                       "schema": OpenAPISchemas.labelsInput, "description": "labels[key]=value pairs that must all match."],
            "trigger_id": ["name": "trigger_id", "in": "path", "required": true, "schema": OpenAPISchemas.uuid],
            "kinds": query("kinds", ["type": "array", "items": [
                "type": "string", "enum": OpenAPISchemas.strings(TriggerCondition.Kind.allCases.map(\.rawValue))]],
                "Only triggers of these condition kinds."),
            "enabled": query("enabled", ["type": "boolean"], "Only enabled (true) or disabled (false) triggers."),
            "failed": query("failed", ["type": "boolean"], "Only runs with an error (true) or without one (false)."),
            "ready_for": query("ready_for", ["type": "array", "items": [
                "type": "string", "enum": OpenAPISchemas.strings(SearchReadiness.allCases.map(\.rawValue))]],
                "Only runs ready for all of these (as their ready_for object says)."),
            "create_run": query("create_run", ["type": "boolean", "default": false], "Also create and start the first run."),
        ]
        return .object(pairs(shared) + runDataParameters(query: query))
    }
}
