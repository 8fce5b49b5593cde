import GRDB

extension SQLiteStore {
    /// The schema's steps, in order (`SchemaMigration` applies the missing ones).
    static let migrations: [SchemaMigration] = [
        SchemaMigration("v1-jobs-runs-frontier-pages") { db in
            try db.execute(sql: """
                CREATE TABLE jobs (
                    id TEXT PRIMARY KEY NOT NULL,
                    tenant_id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    labels TEXT NOT NULL,
                    config TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX jobs_by_tenant ON jobs(tenant_id, created_at DESC, id DESC);

                -- `key` is a compact integer handle for the big per-URL tables; `id` is the public UUID.
                CREATE TABLE runs (
                    key INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
                    tenant_id TEXT NOT NULL,
                    status TEXT NOT NULL,
                    stop_reason TEXT,
                    labels TEXT NOT NULL,
                    config TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    started_at TEXT,
                    paused_at TEXT,
                    finished_at TEXT,
                    updated_at TEXT NOT NULL,
                    error TEXT,
                    progress TEXT NOT NULL
                );
                CREATE INDEX runs_by_tenant ON runs(tenant_id, created_at DESC, id DESC);
                CREATE INDEX runs_by_job ON runs(job_id, created_at DESC, id DESC);
                CREATE INDEX runs_by_status ON runs(tenant_id, status, created_at DESC);

                CREATE TABLE frontier (
                    run_key INTEGER NOT NULL REFERENCES runs(key) ON DELETE CASCADE,
                    fingerprint INTEGER NOT NULL,
                    url TEXT NOT NULL,
                    depth INTEGER NOT NULL,
                    parent_url TEXT,
                    state TEXT NOT NULL,
                    reason TEXT,
                    redirect_hops INTEGER NOT NULL DEFAULT 0,
                    http_status INTEGER,
                    PRIMARY KEY (run_key, fingerprint)
                );
                CREATE INDEX frontier_pending ON frontier(run_key, state) WHERE state IN ('queued', 'spilled');

                CREATE TABLE pages (
                    seq INTEGER PRIMARY KEY,
                    run_key INTEGER NOT NULL REFERENCES runs(key) ON DELETE CASCADE,
                    url TEXT NOT NULL,
                    depth INTEGER NOT NULL,
                    parent_url TEXT,
                    fetched_at REAL NOT NULL,
                    status INTEGER NOT NULL,
                    content_type TEXT,
                    title TEXT,
                    outlinks TEXT NOT NULL,
                    redirect_target TEXT,
                    canonical_url TEXT,
                    language TEXT,
                    noindex INTEGER NOT NULL,
                    request_head BLOB NOT NULL,
                    response_head BLOB NOT NULL,
                    body BLOB NOT NULL,
                    truncated INTEGER NOT NULL,
                    ip_address TEXT,
                    http_version TEXT NOT NULL,
                    duration_ms INTEGER NOT NULL,
                    warning TEXT,
                    content_sha256 TEXT NOT NULL
                );
                CREATE INDEX pages_by_run ON pages(run_key, seq);
                """)
        },
        SchemaMigration("v2-triggers") { db in
            try db.execute(sql: """
                CREATE TABLE triggers (
                    id TEXT PRIMARY KEY NOT NULL,
                    tenant_id TEXT NOT NULL,
                    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    condition TEXT NOT NULL,
                    -- The job an on_finish trigger watches (its own job unless the condition names another).
                    watched_job_id TEXT,
                    enabled INTEGER NOT NULL,
                    next_fire_at TEXT,
                    last_fired_at TEXT,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX triggers_by_tenant ON triggers(tenant_id, created_at DESC, id DESC);
                CREATE INDEX triggers_due ON triggers(next_fire_at) WHERE enabled = 1 AND next_fire_at IS NOT NULL;
                CREATE INDEX triggers_watching ON triggers(watched_job_id) WHERE watched_job_id IS NOT NULL;

                CREATE TABLE trigger_executions (
                    id TEXT PRIMARY KEY NOT NULL,
                    trigger_id TEXT NOT NULL REFERENCES triggers(id) ON DELETE CASCADE,
                    tenant_id TEXT NOT NULL,
                    job_id TEXT NOT NULL,
                    status TEXT NOT NULL,
                    run_id TEXT,
                    reason TEXT,
                    scheduled_for TEXT NOT NULL,
                    created_at TEXT NOT NULL
                );
                CREATE INDEX executions_by_trigger ON trigger_executions(trigger_id, created_at DESC, id DESC);

                -- Starting criteria count a group's active runs on every start.
                CREATE INDEX runs_active ON runs(tenant_id, job_id) WHERE status IN ('pending', 'running', 'paused');
                """)
        },
        SchemaMigration("v3-run-log") { db in
            try db.execute(sql: """
                -- One row per URL per step (schedule, fetch, parse): what GET /v1/runs/{id}/logs lists.
                CREATE TABLE run_log (
                    seq INTEGER PRIMARY KEY,
                    run_key INTEGER NOT NULL REFERENCES runs(key) ON DELETE CASCADE,
                    step TEXT NOT NULL,
                    status TEXT NOT NULL,
                    url TEXT NOT NULL,
                    host TEXT NOT NULL,
                    depth INTEGER NOT NULL,
                    http_status INTEGER,
                    latency_ms INTEGER,
                    reason TEXT,
                    at REAL NOT NULL
                );
                CREATE INDEX run_log_by_run ON run_log(run_key, seq);
                """)
        },
        SchemaMigration("v4-documents-chunks-search") { db in
            try db.execute(sql: """
                -- The pipeline's own column: the crawl loop's run updates never touch it.
                ALTER TABLE runs ADD COLUMN pipeline TEXT;

                CREATE TABLE documents (
                    id INTEGER PRIMARY KEY,
                    run_key INTEGER NOT NULL REFERENCES runs(key) ON DELETE CASCADE,
                    job_id TEXT NOT NULL,
                    page_seq INTEGER NOT NULL,
                    url TEXT NOT NULL,
                    title TEXT,
                    language TEXT,
                    canonical_url TEXT,
                    content_sha256 TEXT NOT NULL,
                    change TEXT NOT NULL,
                    status TEXT NOT NULL,
                    chunks INTEGER NOT NULL,
                    error TEXT,
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX documents_by_run ON documents(run_key, id);
                CREATE INDEX documents_by_job_url ON documents(job_id, url, id);

                CREATE TABLE chunks (
                    id INTEGER PRIMARY KEY,
                    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    run_key INTEGER NOT NULL,
                    chunk_index INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    heading TEXT NOT NULL,
                    heading_path TEXT NOT NULL,
                    text TEXT NOT NULL,
                    start_offset INTEGER NOT NULL,
                    end_offset INTEGER NOT NULL,
                    token_count INTEGER NOT NULL,
                    embedding BLOB,
                    model TEXT,
                    embed_failed INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX chunks_by_document ON chunks(document_id, chunk_index);
                CREATE INDEX chunks_pending ON chunks(run_key, id) WHERE embedding IS NULL AND embed_failed = 0;

                -- BM25 over title, heading path and text; the text lives once, in chunks (external content).
                CREATE VIRTUAL TABLE chunks_fts USING fts5(
                    title, heading, text, content='chunks', content_rowid='id',
                    tokenize='porter unicode61 remove_diacritics 2'
                );
                CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
                    INSERT INTO chunks_fts(chunks_fts, rowid, title, heading, text)
                    VALUES ('delete', old.id, old.title, old.heading, old.text);
                END;
                """)
        },
        SchemaMigration("v5-list-indexes") { db in
            // Every run filter has an index in the list's own order (newest first, ties by ID), so a rare status,
            // stop reason or label is found without walking the tenant's runs.
            try db.execute(sql: """
                DROP INDEX runs_by_status;
                CREATE INDEX runs_by_status ON runs(tenant_id, status, created_at DESC, id DESC);
                CREATE INDEX runs_by_stop_reason ON runs(tenant_id, stop_reason, created_at DESC, id DESC);

                -- A run's labels, one row per pair, in the run list's order: a list filtered by a label walks only
                -- that label's runs, newest first, and stops at the page's end. Copied from the job when the run is
                -- created, by a trigger, and never changed after (an update writes a run's state only); `runs.labels`
                -- stays the source a run is read from. Column names differ from `runs`' so the two join without
                -- qualifying every filter.
                CREATE TABLE run_labels (
                    label_tenant TEXT NOT NULL,
                    label_name TEXT NOT NULL,
                    label_value TEXT NOT NULL,
                    run_created TEXT NOT NULL,
                    run_uuid TEXT NOT NULL,
                    run_key INTEGER NOT NULL REFERENCES runs(key) ON DELETE CASCADE,
                    PRIMARY KEY (label_tenant, label_name, label_value, run_created DESC, run_uuid DESC)
                ) WITHOUT ROWID;
                CREATE INDEX run_labels_by_run ON run_labels(run_key);
                INSERT INTO run_labels (label_tenant, label_name, label_value, run_created, run_uuid, run_key)
                    SELECT runs.tenant_id, json_each.key, json_each.value, runs.created_at, runs.id, runs.key
                    FROM runs, json_each(runs.labels);
                CREATE TRIGGER run_labels_insert AFTER INSERT ON runs BEGIN
                    INSERT INTO run_labels (label_tenant, label_name, label_value, run_created, run_uuid, run_key)
                        SELECT new.tenant_id, key, value, new.created_at, new.id, new.key FROM json_each(new.labels);
                END;
                """)
        },
        SchemaMigration("v6-chunk-embedding-text") { db in
            // What the embedder reads: the chunk's words without Markdown syntax. NULL for rows written before,
            // which are embedded (or were) from `text` as it is.
            try db.execute(sql: "ALTER TABLE chunks ADD COLUMN embed_text TEXT")
        },
        SchemaMigration("v7-recrawl") { db in
            try db.execute(sql: """
                -- What a later run sends back (If-None-Match / If-Modified-Since).
                ALTER TABLE pages ADD COLUMN etag TEXT;
                ALTER TABLE pages ADD COLUMN last_modified TEXT;
                -- A revisit ('not_modified', 'identical_payload', 'fresh') keeps no body: its payload is the body of
                -- page payload_seq (its own seq once a deleted run's payload was moved to it), fetched from
                -- payload_url at payload_fetched_at with payload_status. content_sha256 is the payload's digest.
                ALTER TABLE pages ADD COLUMN revisit TEXT;
                ALTER TABLE pages ADD COLUMN payload_seq INTEGER;
                ALTER TABLE pages ADD COLUMN payload_url TEXT;
                ALTER TABLE pages ADD COLUMN payload_fetched_at REAL;
                ALTER TABLE pages ADD COLUMN payload_status INTEGER;
                CREATE INDEX pages_by_payload ON pages(payload_seq) WHERE payload_seq IS NOT NULL;

                -- A document made from the same payload with the same recipe is carried forward, not extracted again.
                ALTER TABLE documents ADD COLUMN payload_sha256 TEXT;
                ALTER TABLE documents ADD COLUMN recipe TEXT;
                """)
        },
        SchemaMigration("v8-many-processes") { db in
            // Which process executes a run, until when (seconds since 1970), and what another process asked of it
            // (`RunClaims`); and a trigger's executions by tick, which several processes may fire (`record`).
            try db.execute(sql: """
                ALTER TABLE runs ADD COLUMN executor TEXT;
                ALTER TABLE runs ADD COLUMN claimed_until REAL;
                ALTER TABLE runs ADD COLUMN control TEXT;
                CREATE INDEX executions_by_tick ON trigger_executions(trigger_id, scheduled_for);
                -- A server catches up, run by run, with the vectors another process embedded.
                CREATE INDEX chunks_by_run ON chunks(run_key, id);
                """)
        },
        SchemaMigration("v9-workers") { db in
            // The processes sharing the store, each refreshing its row every heartbeat (`WorkerRegistry`). Times are
            // seconds since 1970, as the claims'.
            try db.execute(sql: """
                CREATE TABLE workers (
                    id TEXT PRIMARY KEY,
                    role TEXT NOT NULL,
                    host TEXT NOT NULL,
                    pid INTEGER NOT NULL,
                    listen TEXT,
                    max_concurrent_runs INTEGER NOT NULL,
                    started_at REAL NOT NULL,
                    heartbeat_at REAL NOT NULL
                );
                CREATE INDEX runs_by_executor ON runs(executor) WHERE executor IS NOT NULL;
                """)
        },
    ]
}
