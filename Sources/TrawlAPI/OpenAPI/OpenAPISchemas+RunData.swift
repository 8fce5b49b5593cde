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

    static var document: ConfigValue {
        ["type": "object",
         "required": ["id", "url", "title", "language", "canonical_url", "status", "change", "chunks_created", "error",
                      "content_sha256", "updated_at"],
         "properties": [
             "id": ["type": "integer"], "url": ["type": "string"], "title": ["type": ["string", "null"]],
             "language": ["type": ["string", "null"]], "canonical_url": ["type": ["string", "null"]],
             "status": ["type": "string", "enum": strings(DocumentRecord.Status.allCases.map(\.rawValue))],
             "change": ["type": "string", "enum": strings(DocumentWrite.Change.allCases.map(\.rawValue))],
             "chunks_created": ["type": "integer"], "error": ["type": ["string", "null"]],
             "content_sha256": ["type": "string"], "updated_at": timestamp,
         ]]
    }

    static var searchResults: ConfigValue {
        let nullableNumber: ConfigValue = ["type": ["number", "null"]]
        let nullableInteger: ConfigValue = ["type": ["integer", "null"]]
        return ["type": "object", "required": ["mode", "group", "results", "warnings"], "properties": [
            "mode": ["type": "string", "enum": strings(SearchMode.allCases.map(\.rawValue))],
            "group": ["type": "string", "enum": strings(SearchGrouping.allCases.map(\.rawValue))],
            "warnings": ["type": "array", "items": ["type": "string"],
                         "description": "Why the ranking is partial: hybrid mode ranks by text alone when the query cannot be embedded."],
            "results": ["type": "array", "items": [
                "type": "object",
                "required": ["url", "title", "heading_path", "snippet", "text", "score", "run_id", "job_id", "chunk_id"],
                "properties": [
                    "url": ["type": "string"], "title": ["type": ["string", "null"]],
                    "heading_path": ["type": "array", "items": ["type": "string"]],
                    "snippet": ["type": "string", "description": "Matched words in <mark>…</mark>."],
                    "text": ["type": "string"], "score": ["type": "number"],
                    "text_rank": nullableInteger, "semantic_rank": nullableInteger,
                    "text_score": nullableNumber, "semantic_score": nullableNumber,
                    "run_id": uuid, "job_id": uuid, "chunk_id": ["type": "integer"],
                    "passages": ["type": "array", "description": "group=page: the page's best chunks (empty otherwise).",
                                 "items": ["type": "object", "required": ["chunk_id", "heading_path", "snippet", "text", "score"],
                                           "properties": [
                                               "chunk_id": ["type": "integer"], "snippet": ["type": "string"],
                                               "heading_path": ["type": "array", "items": ["type": "string"]],
                                               "text": ["type": "string"], "score": ["type": "number"],
                                           ]]],
                ],
            ]],
        ]]
    }

    /// The pipeline's additions to the run object.
    static var runPipelineProperties: [(String, ConfigValue)] {
        let counters = { (names: [String]) -> ConfigValue in
            .object([("type", "object"), ("properties", .object(names.map { ($0, ["type": "integer", "minimum": 0]) }))])
        }
        return [
            ("documents", counters(["discovered", "fetched", "parsed", "chunked", "embedded", "indexed", "failed",
                                    "skipped", "adds", "updates", "unchanged", "deletes"])),
            ("chunks", counters(["created", "embedded", "indexed"])),
            ("steps", ["type": "array", "items": [
                "type": "object", "required": ["name", "status", "started_at", "finished_at", "processed", "failed", "error"],
                "properties": [
                    "name": ["type": "string", "enum": ["fetch", "parse", "chunk", "embed", "index"]],
                    "status": ["type": "string", "enum": ["pending", "running", "paused", "succeeded", "failed", "skipped"]],
                    "started_at": nullableTimestamp, "finished_at": nullableTimestamp,
                    "processed": ["type": "integer", "description": "documents (URLs for fetch) the step handled"],
                    "failed": ["type": "integer", "description": "of those, the ones that failed in this step"],
                    "error": ["type": ["string", "null"], "description": "why the step failed as a whole"],
                ],
            ]]),
            ("ready_for", ["type": "object", "required": ["text_search", "semantic_search"], "properties": [
                "text_search": ["type": "boolean"], "semantic_search": ["type": "boolean"],
            ]]),
            ("text_indexed_at", nullableTimestamp),
            ("semantic_ready_at", nullableTimestamp),
        ]
    }
}
