import TrawlCore

extension OpenAPIDocument {
    /// The trigger endpoints.
    static var triggerPaths: [(String, ConfigValue)] {
        let triggerFilters = ["include_ids", "exclude_ids", "kinds", "enabled"]
        return pairs([
            "/v1/triggers": [
                "get": operation("listTriggers", "List triggers across jobs, most recent first",
                                 parameters: listParameters + ["job_ids"] + triggerFilters,
                                 responses: ["200": json("TriggerList")]),
            ],
            "/v1/jobs/{job_id}/triggers": [
                "parameters": [ref("job_id")],
                "get": operation("listJobTriggers", "List a job's triggers, most recent first",
                                 parameters: listParameters + triggerFilters, responses: ["200": json("TriggerList")]),
                "post": operation("createTrigger", "Create a trigger that starts runs of the job", body: "TriggerInput",
                                  responses: ["201": json("Trigger")]),
            ],
            "/v1/triggers/{trigger_id}": [
                "parameters": [ref("trigger_id")],
                "get": operation("getTrigger", "Get a trigger", responses: ["200": json("Trigger")]),
                "delete": operation("deleteTrigger", "Delete a trigger and its executions",
                                    responses: ["204": ["description": "Deleted"]]),
            ],
            "/v1/triggers/{trigger_id}/enable": [
                "parameters": [ref("trigger_id")],
                "put": operation("enableTrigger", "Enable a trigger (a schedule then waits for its next tick)",
                                 responses: ["200": json("Trigger")]),
            ],
            "/v1/triggers/{trigger_id}/disable": [
                "parameters": [ref("trigger_id")],
                "put": operation("disableTrigger", "Disable a trigger", responses: ["200": json("Trigger")]),
            ],
            "/v1/triggers/{trigger_id}/executions": [
                "parameters": [ref("trigger_id")],
                "get": operation("listTriggerExecutions", "What each firing of the trigger did, most recent first",
                                 parameters: listParameters, responses: ["200": json("TriggerExecutionList")]),
            ],
        ])
    }
}
