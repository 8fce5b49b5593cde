/// The tables a store holds, as a copy between stores moves them (`TableSource`, `TableSink`).
///
/// Cases are in dependency order (a row's references are copied before it), and each table's `columns` are those
/// both adapters have, so a row is written with every key it had: page revisit pointers (`payload_seq`),
/// `documents.page_seq`, `chunks.document_id` and run keys stay valid without remapping. What one store derives on
/// its own is not listed: SQLite's `run_labels` and FTS5 index, PostgreSQL's `frontier.seq` (discovery order, given
/// again by insertion in source order) and its generated search columns.
public enum StoreTable: String, Sendable, CaseIterable {
    case jobs, runs, frontier, pages
    case runLog = "run_log"
    case documents, chunks, triggers
    case triggerExecutions = "trigger_executions"

    /// The table's name in both stores.
    public var name: String { rawValue }

    /// The columns copied, in the order of `StoredRow.values`.
    public var columns: [StoredColumn] {
        switch self {
        case .jobs:
            [.init("id", .uuid), .init("tenant_id", .text), .init("name", .text), .init("labels", .json),
             .init("config", .json), .init("created_at", .time), .init("updated_at", .time)]
        case .runs:
            [.init("key", .integer), .init("id", .uuid), .init("job_id", .uuid), .init("tenant_id", .text),
             .init("status", .text), .init("stop_reason", .text), .init("labels", .json), .init("config", .json),
             .init("created_at", .time), .init("started_at", .time), .init("paused_at", .time),
             .init("finished_at", .time), .init("updated_at", .time), .init("error", .json), .init("progress", .json),
             .init("pipeline", .json), .init("executor", .text), .init("claimed_until", .time), .init("control", .text)]
        case .frontier:
            [.init("run_key", .integer), .init("fingerprint", .integer), .init("url", .text), .init("depth", .integer),
             .init("parent_url", .text), .init("state", .text), .init("reason", .text),
             .init("redirect_hops", .integer), .init("http_status", .integer)]
        case .pages:
            [.init("seq", .integer), .init("run_key", .integer), .init("url", .text), .init("depth", .integer),
             .init("parent_url", .text), .init("fetched_at", .real), .init("status", .integer),
             .init("content_type", .text), .init("title", .text), .init("outlinks", .text),
             .init("redirect_target", .text), .init("canonical_url", .text), .init("language", .text),
             .init("noindex", .boolean), .init("request_head", .blob), .init("response_head", .blob),
             .init("body", .blob), .init("truncated", .boolean), .init("ip_address", .text),
             .init("http_version", .text), .init("duration_ms", .integer), .init("warning", .text),
             .init("content_sha256", .text), .init("etag", .text), .init("last_modified", .text),
             .init("revisit", .text), .init("payload_seq", .integer), .init("payload_url", .text),
             .init("payload_fetched_at", .real), .init("payload_status", .integer)]
        case .runLog:
            [.init("seq", .integer), .init("run_key", .integer), .init("step", .text), .init("status", .text),
             .init("url", .text), .init("host", .text), .init("depth", .integer), .init("http_status", .integer),
             .init("latency_ms", .integer), .init("reason", .text), .init("at", .real)]
        case .documents:
            [.init("id", .integer), .init("run_key", .integer), .init("job_id", .uuid), .init("page_seq", .integer),
             .init("url", .text), .init("title", .text), .init("language", .text), .init("canonical_url", .text),
             .init("content_sha256", .text), .init("change", .text), .init("status", .text),
             .init("chunks", .integer), .init("error", .text), .init("updated_at", .time),
             .init("payload_sha256", .text), .init("recipe", .text)]
        case .chunks:
            [.init("id", .integer), .init("document_id", .integer), .init("run_key", .integer),
             .init("chunk_index", .integer), .init("title", .text), .init("heading", .text),
             .init("heading_path", .text), .init("text", .text), .init("start_offset", .integer),
             .init("end_offset", .integer), .init("token_count", .integer), .init("embedding", .blob),
             .init("model", .text), .init("embed_failed", .boolean), .init("embed_text", .text)]
        case .triggers:
            [.init("id", .uuid), .init("tenant_id", .text), .init("job_id", .uuid), .init("name", .text),
             .init("kind", .text), .init("condition", .json), .init("watched_job_id", .uuid),
             .init("enabled", .boolean), .init("next_fire_at", .time), .init("last_fired_at", .time),
             .init("created_at", .time), .init("updated_at", .time)]
        case .triggerExecutions:
            [.init("id", .uuid), .init("trigger_id", .uuid), .init("tenant_id", .text), .init("job_id", .uuid),
             .init("status", .text), .init("run_id", .uuid), .init("reason", .text), .init("scheduled_for", .time),
             .init("created_at", .time)]
        }
    }
}
