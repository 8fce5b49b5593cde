import TrawlCore

extension OpenAPISchemas {
    static var worker: ConfigValue {
        ["type": "object",
         "required": ["id", "role", "host", "pid", "listen", "status", "max_concurrent_runs", "started_at", "heartbeat_at",
                      "runs", "parts"],
         "properties": [
             "id": ["type": "string", "description": "The process's executor name: host, process ID and a random part."],
             "role": ["type": "string", "enum": strings(WorkerRole.allCases.map(\.rawValue))],
             "host": ["type": "string"], "pid": ["type": "integer"],
             "listen": ["type": ["string", "null"], "description": "Where it serves HTTP (health and metrics at least)."],
             "status": ["type": "string", "enum": ["live", "lost"],
                        "description": "lost: no heartbeat for as long as a run claim lasts; its runs go to others."],
             "max_concurrent_runs": ["type": "integer", "minimum": 0],
             "started_at": timestamp, "heartbeat_at": timestamp,
             "runs": ["type": "array", "items": uuid,
                      "description": "The caller's tenant's runs it holds a live claim on (crawl or pipeline)."],
             "parts": ["type": "array", "description": "Its parts of shared runs (the caller's tenant's) and the origins each leases.",
                       "items": ["type": "object", "required": ["run_id", "lead", "origins"], "properties": [
                           "run_id": uuid, "lead": ["type": "boolean"],
                           "origins": ["type": "array", "items": ["type": "string"]],
                       ]]],
         ]]
    }
}
