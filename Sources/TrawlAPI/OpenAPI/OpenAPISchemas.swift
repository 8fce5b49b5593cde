import TrawlCore

/// The component schemas of the OpenAPI document: the shapes every endpoint shares.
enum OpenAPISchemas {
    static let uuid: ConfigValue = ["type": "string", "format": "uuid"]
    static let timestamp: ConfigValue = ["type": "string", "format": "date-time"]
    static let nullableTimestamp: ConfigValue = ["type": ["string", "null"], "format": "date-time"]
    static let labels: ConfigValue = ["type": "object", "additionalProperties": ["type": "string"]]
    /// Labels as clients send them (bodies and `labels[key]=value` filters): keys and values of 1 to 200 characters.
    static let labelsInput: ConfigValue = [
        "type": "object", "maxProperties": .int(Manifest.maximumLabels), "propertyNames": ["minLength": 1, "maxLength": 200],
        "additionalProperties": ["type": "string", "minLength": 1, "maxLength": 200],
    ]
    /// Optional body fields may be sent as null, which means absent.
    static let nullableUUID: ConfigValue = ["type": ["string", "null"], "format": "uuid"]
    static let nullableLabelsInput: ConfigValue = [
        "type": ["object", "null"], "maxProperties": .int(Manifest.maximumLabels),
        "propertyNames": ["minLength": 1, "maxLength": 200],
        "additionalProperties": ["type": "string", "minLength": 1, "maxLength": 200],
    ]
    /// A name that is not blank.
    static let nameInput: ConfigValue = ["type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\S"]
    static func ref(_ name: String) -> ConfigValue { ["$ref": .string("#/components/schemas/\(name)")] }
    static func strings(_ values: [String]) -> ConfigValue { .array(values.map(ConfigValue.string)) }

    static var all: ConfigValue {
        .object([
            ("Error", error),
            ("Progress", progress),
            ("Run", run),
            ("RunList", list(of: "Run")),
            ("Job", job),
            ("JobList", list(of: "Job")),
            ("JobCreated", ["allOf": [ref("Job"), ["type": "object", "properties": ["run": ref("Run")]]]]),
            ("JobInput", jobInput),
            ("JobReplacement", jobReplacement),
            ("RunInput", ["type": "object", "properties": ["id": nullableUUID], "additionalProperties": false]),
            ("RunLogEntry", logEntry),
            ("RunLogList", list(of: "RunLogEntry")),
            ("RunLink", runLink),
            ("RunLinkList", list(of: "RunLink")),
            ("Document", document),
            ("DocumentList", list(of: "Document")),
            ("SearchResults", searchResults),
            ("RunEdge", edge),
            ("RunEdgeList", list(of: "RunEdge")),
            ("Trigger", trigger),
            ("TriggerList", list(of: "Trigger")),
            ("TriggerInput", triggerInput),
            ("TriggerCondition", condition),
            ("TriggerExecution", triggerExecution),
            ("TriggerExecutionList", list(of: "TriggerExecution")),
            ("Worker", worker),
            ("WorkerList", list(of: "Worker")),
            ("Health", ["type": "object", "required": ["status"], "properties": ["status": ["type": "string"]]]),
        ])
    }

    static var error: ConfigValue {
        ["type": "object", "required": ["error"], "properties": ["error": [
            "type": "object", "required": ["status", "code", "message"],
            "properties": [
                "status": ["type": "integer"], "code": ["type": "string"], "message": ["type": "string"],
                "fields": ["type": "array", "items": [
                    "type": "object", "required": ["field", "code", "message"],
                    "properties": ["field": ["type": "string"], "code": ["type": "string"], "message": ["type": "string"]],
                ]],
            ],
        ]]]
    }

    static var progress: ConfigValue {
        let counters = ["discovered", "queued", "in_flight", "fetched", "failed", "excluded", "processed", "depth_reached",
                        "bytes_downloaded", "evaluations", "empty_evaluations", "unchanged", "reused"]
        var properties: [(String, ConfigValue)] = counters.map { ($0, ["type": "integer", "minimum": 0]) }
        properties.append(("http_status", ["type": "object", "additionalProperties": ["type": "integer"]]))
        return ["type": "object", "properties": .object(properties)]
    }

    static var run: ConfigValue {
        let properties: ConfigValue = [
            "id": uuid, "job_id": uuid, "tenant_id": ["type": "string"],
            "status": ["type": "string", "enum": strings(RunStatus.allCases.map(\.rawValue))],
            "stop_reason": ["type": ["string", "null"], "enum": .array(StopReason.allCases.map { .string($0.rawValue) } + [.null])],
            "labels": labels, "config": ["type": "object", "description": "The resolved crawl config the run executes."],
            "created_at": timestamp, "started_at": nullableTimestamp, "paused_at": nullableTimestamp,
            "finished_at": nullableTimestamp, "updated_at": timestamp,
            "error": ["type": ["object", "null"], "properties": ["code": ["type": "string"], "message": ["type": "string"]]],
            "progress": ref("Progress"),
        ]
        return ["type": "object",
                "required": ["id", "job_id", "tenant_id", "status", "stop_reason", "labels", "config", "created_at",
                             "updated_at", "progress", "documents", "chunks", "steps", "ready_for"],
                "properties": .object(OpenAPIDocument.pairs(properties) + runPipelineProperties)]
    }

    static var job: ConfigValue {
        ["type": "object", "required": ["id", "tenant_id", "name", "labels", "config", "created_at", "updated_at"],
         "properties": [
             "id": uuid, "tenant_id": ["type": "string"], "name": ["type": "string"], "labels": labels,
             "config": ["type": "object", "description": "The resolved crawl config ({kind, params} components)."],
             "created_at": timestamp, "updated_at": timestamp,
         ]]
    }

    static var jobInput: ConfigValue {
        ["type": "object", "required": ["name", "config"], "additionalProperties": false,
         "properties": [
             "id": nullableUUID, "name": nameInput, "labels": nullableLabelsInput,
             "config": ["type": "object", "description": "A crawl config of {kind, params} components (README: Manifests)."],
         ]]
    }

    /// What `PUT /v1/jobs/{id}` takes: a job input without an ID (the path gives it).
    static var jobReplacement: ConfigValue {
        ["type": "object", "required": ["name", "config"], "additionalProperties": false,
         "properties": [
             "name": nameInput, "labels": nullableLabelsInput,
             "config": ["type": "object", "description": "A crawl config of {kind, params} components (README: Manifests)."],
         ]]
    }

    static func list(of item: String) -> ConfigValue {
        ["type": "object", "required": ["data", "next_page"],
         "properties": ["data": ["type": "array", "items": ref(item)], "next_page": ["type": ["string", "null"]]]]
    }
}
