import TrawlCore

extension OpenAPISchemas {
    static var logEntry: ConfigValue {
        let nullableInteger: ConfigValue = ["type": ["integer", "null"]]
        return ["type": "object",
                "required": ["step", "status", "url", "host", "depth", "http_status", "latency_ms", "error_reason", "at"],
                "properties": [
                    "step": ["type": "string", "enum": strings(CrawlLogEntry.Step.allCases.map(\.rawValue))],
                    "status": ["type": "string", "enum": strings(CrawlLogEntry.Status.allCases.map(\.rawValue))],
                    "url": ["type": "string"], "host": ["type": "string"], "depth": ["type": "integer"],
                    "http_status": nullableInteger, "latency_ms": nullableInteger,
                    "error_reason": ["type": ["string", "null"]], "at": timestamp,
                ]]
    }

    static var runLink: ConfigValue {
        ["type": "object",
         "required": ["url", "depth", "parent_url", "state", "reason", "http_status", "redirect_hops"],
         "properties": [
             "url": ["type": "string"], "depth": ["type": "integer"], "parent_url": ["type": ["string", "null"]],
             "state": ["type": "string", "enum": strings(FrontierRecord.State.allCases.map(\.rawValue))],
             "reason": ["type": ["string", "null"]], "http_status": ["type": ["integer", "null"]],
             "redirect_hops": ["type": "integer"],
         ]]
    }

    static var edge: ConfigValue {
        ["type": "object", "required": ["from", "to", "kind"],
         "properties": [
             "from": ["type": "string"], "to": ["type": "string"],
             "kind": ["type": "string", "enum": strings(LinkEdge.Kind.allCases.map(\.rawValue))],
         ]]
    }
}
