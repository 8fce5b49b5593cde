import TrawlCore

extension OpenAPISchemas {
    static var condition: ConfigValue {
        ["oneOf": [
            ["type": "object", "required": ["kind", "params"], "properties": [
                "kind": ["const": "schedule"],
                "params": ["type": "object", "required": ["expression"], "properties": ["expression": [
                    "type": "string",
                    "description": "Cron in UTC: 5 fields (minute hour day month weekday), 6 with seconds, 7 with year; or @daily etc.",
                ]]],
            ]],
            ["type": "object", "required": ["kind"], "properties": [
                "kind": ["const": "on_finish"],
                "params": ["type": "object", "properties": [
                    "delay": ["type": "string", "description": "How long after the run finished, e.g. 10m (default 0s)."],
                    "job_id": ["type": ["string", "null"], "format": "uuid",
                               "description": "The job whose runs are watched; the trigger's own job when absent."],
                ]],
            ]],
        ]]
    }

    static var trigger: ConfigValue {
        ["type": "object",
         "required": ["id", "tenant_id", "job_id", "name", "condition", "enabled", "next_fire_at", "last_fired_at",
                      "created_at", "updated_at"],
         "properties": [
             "id": uuid, "tenant_id": ["type": "string"], "job_id": uuid, "name": ["type": "string"],
             "condition": ref("TriggerCondition"), "enabled": ["type": "boolean"],
             "next_fire_at": nullableTimestamp, "last_fired_at": nullableTimestamp,
             "created_at": timestamp, "updated_at": timestamp,
         ]]
    }

    static var triggerInput: ConfigValue {
        ["type": "object", "required": ["name", "condition"], "additionalProperties": false,
         "properties": [
             "name": nameInput, "condition": ref("TriggerCondition"),
             "enabled": ["type": ["boolean", "null"], "default": true],
         ]]
    }

    static var triggerExecution: ConfigValue {
        ["type": "object",
         "required": ["id", "trigger_id", "job_id", "status", "run_id", "reason", "scheduled_for", "created_at"],
         "properties": [
             "id": uuid, "trigger_id": uuid, "job_id": uuid,
             "status": ["type": "string", "enum": strings(TriggerExecution.Status.allCases.map(\.rawValue))],
             "run_id": ["type": ["string", "null"], "format": "uuid"], "reason": ["type": ["string", "null"]],
             "scheduled_for": timestamp, "created_at": timestamp,
         ]]
    }
}
