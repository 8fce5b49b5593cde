import TrawlCore

extension OpenAPIDocument {
    /// What a run saw: its log, URLs and link graph.
    static var runDataPaths: [(String, ConfigValue)] {
        pairs([
            "/v1/runs/{run_id}/logs": [
                "parameters": [ref("run_id")],
                "get": operation("listRunLogs", "One entry per URL per step (schedule, fetch, parse), in order",
                                 parameters: listParameters + ["steps", "log_statuses", "hosts", "error_reasons"],
                                 responses: ["200": json("RunLogList")]),
            ],
            "/v1/runs/{run_id}/links": [
                "parameters": [ref("run_id")],
                "get": operation("listRunLinks", "The URLs the run touched and what became of each (stable order)",
                                 parameters: listParameters + ["states"], responses: ["200": json("RunLinkList")]),
            ],
            "/v1/runs/{run_id}/documents": [
                "parameters": [ref("run_id")],
                "get": operation("listRunDocuments", "What the pipeline made of each page: status, chunks, error",
                                 parameters: listParameters + ["document_statuses"],
                                 responses: ["200": json("DocumentList")]),
            ],
            "/v1/runs/{run_id}/export": [
                "parameters": [ref("run_id")],
                "get": operation("exportRun", "The run's pages streamed as JSONL documents or a gzipped WARC 1.1 file",
                                 parameters: ["export_format"],
                                 responses: ["200": [
                                     "description": "The export, streamed as it is read",
                                     "content": [
                                         "application/x-ndjson": ["schema": ["type": "string"]],
                                         "application/warc": ["schema": ["type": "string", "format": "binary"]],
                                     ],
                                 ]]),
            ],
            "/v1/search": [
                "get": operation("search", "Ranked chunks: BM25 (text), cosine (semantic) or both fused (hybrid)",
                                 parameters: ["q", "mode", "group", "job_ids", "run_ids", "labels", "limit"],
                                 responses: ["200": json("SearchResults"), "503": json("Error")]),
            ],
            "/v1/runs/{run_id}/edges": [
                "parameters": [ref("run_id")],
                "get": operation("listRunEdges", "The link graph: each fetched page's links and redirects, in fetch order",
                                 parameters: listParameters, responses: ["200": json("RunEdgeList")]),
            ],
        ])
    }

    /// The query parameters of the run data lists.
    static func runDataParameters(query: (String, ConfigValue, String) -> ConfigValue) -> [(String, ConfigValue)] {
        func enumeration(_ values: [String]) -> ConfigValue {
            ["type": "array", "items": ["type": "string", "enum": OpenAPISchemas.strings(values)]]
        }
        return [
            ("steps", query("steps", enumeration(CrawlLogEntry.Step.allCases.map(\.rawValue)), "Only these steps.")),
            // The parameter is `statuses` like the runs list's, with other values: a separate component.
            ("log_statuses", query("statuses", enumeration(CrawlLogEntry.Status.allCases.map(\.rawValue)),
                                   "Only entries with these outcomes.")),
            ("hosts", query("hosts", ["type": "array", "items": ["type": "string"]], "Only URLs on these hosts.")),
            ("error_reasons", query("error_reasons", ["type": "array", "items": ["type": "string"]],
                                    "Only entries with these reasons (robots, scope, timeout, http_status …).")),
            ("document_statuses", query("statuses", enumeration(DocumentRecord.Status.allCases.map(\.rawValue)),
                                        "Only documents in these states.")),
            ("q", ["name": "q", "in": "query", "required": true, "schema": ["type": "string", "minLength": 1, "maxLength": 1_000, "pattern": "\\S"],
                   "description": "The words to search for."]),
            ("mode", query("mode", ["type": "string", "enum": OpenAPISchemas.strings(SearchMode.allCases.map(\.rawValue)),
                                    "default": "hybrid"], "How to rank.")),
            ("group", query("group", ["type": "string", "enum": OpenAPISchemas.strings(SearchGrouping.allCases.map(\.rawValue)),
                                      "default": "chunk"],
                            "chunk: each result a chunk; page: one result per page, its best chunks as passages.")),
            ("run_ids", query("run_ids", ["type": "array", "items": OpenAPISchemas.uuid], "Only chunks of these runs.")),
            ("limit", query("limit", ["type": "integer", "minimum": 1, "maximum": 100, "default": 10], "Results wanted.")),
            ("export_format", query("format", ["type": "string", "enum": OpenAPISchemas.strings(RunExportFormat.allCases.map(\.rawValue)),
                                                "default": "jsonl"], "jsonl: one document per line; warc: WARC 1.1, gzipped per record.")),
            ("states", query("states", enumeration(FrontierRecord.State.allCases.map(\.rawValue)),
                             "Only URLs in these states.")),
        ]
    }
}
