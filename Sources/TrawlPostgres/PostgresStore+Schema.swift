extension PostgresStore {
    /// The schema's steps, in order (`PostgresMigration` applies the missing ones).
    ///
    /// The same tables as the SQLite adapter's `v1`…`v7` steps, in PostgreSQL's own types: `uuid` IDs, `timestamptz`
    /// times, `jsonb` labels, configs and progress (labels with a GIN index for `labels[k]=v`), `bytea` bodies and a
    /// weighted `tsvector` beside each chunk for full-text search. The adapter started after SQLite's v7, so its first
    /// step is the whole of that schema; later changes add steps to both adapters.
    static let migrations: [PostgresMigration] = [
        PostgresMigration("pg1-schema", [
            """
            CREATE TABLE jobs (
                id uuid PRIMARY KEY,
                tenant_id text NOT NULL,
                name text NOT NULL,
                labels jsonb NOT NULL,
                config jsonb NOT NULL,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL
            )
            """,
            "CREATE INDEX jobs_by_tenant ON jobs (tenant_id, created_at DESC, id DESC)",
            "CREATE INDEX jobs_by_labels ON jobs USING gin (labels jsonb_path_ops)",
            """
            CREATE TABLE runs (
                key bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                id uuid NOT NULL UNIQUE,
                job_id uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
                tenant_id text NOT NULL,
                status text NOT NULL,
                stop_reason text,
                labels jsonb NOT NULL,
                config jsonb NOT NULL,
                created_at timestamptz NOT NULL,
                started_at timestamptz,
                paused_at timestamptz,
                finished_at timestamptz,
                updated_at timestamptz NOT NULL,
                error jsonb,
                progress jsonb NOT NULL,
                -- The pipeline's own column: the crawl loop's run updates never touch it.
                pipeline jsonb,
                -- Which process executes the run, until when, and what another process asked of it (`RunClaims`).
                executor text,
                claimed_until timestamptz,
                control text
            )
            """,
            "CREATE INDEX runs_by_tenant ON runs (tenant_id, created_at DESC, id DESC)",
            "CREATE INDEX runs_by_job ON runs (job_id, created_at DESC, id DESC)",
            "CREATE INDEX runs_by_status ON runs (tenant_id, status, created_at DESC, id DESC)",
            "CREATE INDEX runs_by_stop_reason ON runs (tenant_id, stop_reason, created_at DESC, id DESC)",
            "CREATE INDEX runs_by_labels ON runs USING gin (labels jsonb_path_ops)",
            "CREATE INDEX runs_active ON runs (tenant_id, job_id) WHERE status IN ('pending', 'running', 'paused')",
            """
            CREATE TABLE frontier (
                run_key bigint NOT NULL REFERENCES runs (key) ON DELETE CASCADE,
                fingerprint bigint NOT NULL,
                url text NOT NULL,
                depth integer NOT NULL,
                parent_url text,
                state text NOT NULL,
                reason text,
                redirect_hops integer NOT NULL DEFAULT 0,
                http_status integer,
                -- Discovery order (SQLite's rowid): spilled URLs come back oldest first.
                seq bigint GENERATED ALWAYS AS IDENTITY,
                PRIMARY KEY (run_key, fingerprint)
            )
            """,
            "CREATE INDEX frontier_pending ON frontier (run_key, state, seq) WHERE state IN ('queued', 'spilled')",
            """
            CREATE TABLE pages (
                seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                run_key bigint NOT NULL REFERENCES runs (key) ON DELETE CASCADE,
                url text NOT NULL,
                depth integer NOT NULL,
                parent_url text,
                fetched_at double precision NOT NULL,
                status integer NOT NULL,
                content_type text,
                title text,
                outlinks text NOT NULL,
                redirect_target text,
                canonical_url text,
                language text,
                noindex boolean NOT NULL,
                request_head bytea NOT NULL,
                response_head bytea NOT NULL,
                body bytea NOT NULL,
                truncated boolean NOT NULL,
                ip_address text,
                http_version text NOT NULL,
                duration_ms bigint NOT NULL,
                warning text,
                content_sha256 text NOT NULL,
                -- What a later run sends back (If-None-Match / If-Modified-Since).
                etag text,
                last_modified text,
                -- A revisit keeps no body: its payload is the body of page payload_seq (see the SQLite schema's v7).
                revisit text,
                payload_seq bigint,
                payload_url text,
                payload_fetched_at double precision,
                payload_status integer
            )
            """,
            "CREATE INDEX pages_by_run ON pages (run_key, seq)",
            "CREATE INDEX pages_by_payload ON pages (payload_seq) WHERE payload_seq IS NOT NULL",
            // Bodies are compressed already or small; PostgreSQL's own TOAST compression of them costs CPU for little.
            "ALTER TABLE pages ALTER COLUMN body SET STORAGE EXTERNAL",
            """
            CREATE TABLE triggers (
                id uuid PRIMARY KEY,
                tenant_id text NOT NULL,
                job_id uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
                name text NOT NULL,
                kind text NOT NULL,
                condition jsonb NOT NULL,
                -- The job an on_finish trigger watches (its own job unless the condition names another).
                watched_job_id uuid,
                enabled boolean NOT NULL,
                next_fire_at timestamptz,
                last_fired_at timestamptz,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL
            )
            """,
            "CREATE INDEX triggers_by_tenant ON triggers (tenant_id, created_at DESC, id DESC)",
            "CREATE INDEX triggers_due ON triggers (next_fire_at) WHERE enabled AND next_fire_at IS NOT NULL",
            "CREATE INDEX triggers_watching ON triggers (watched_job_id) WHERE watched_job_id IS NOT NULL",
            """
            CREATE TABLE trigger_executions (
                id uuid PRIMARY KEY,
                trigger_id uuid NOT NULL REFERENCES triggers (id) ON DELETE CASCADE,
                tenant_id text NOT NULL,
                job_id uuid NOT NULL,
                status text NOT NULL,
                run_id uuid,
                reason text,
                scheduled_for timestamptz NOT NULL,
                created_at timestamptz NOT NULL
            )
            """,
            "CREATE INDEX executions_by_trigger ON trigger_executions (trigger_id, created_at DESC, id DESC)",
            // Finds the execution answering a tick, so two processes firing one trigger record it once.
            "CREATE INDEX executions_by_tick ON trigger_executions (trigger_id, scheduled_for)",
            """
            CREATE TABLE run_log (
                seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                run_key bigint NOT NULL REFERENCES runs (key) ON DELETE CASCADE,
                step text NOT NULL,
                status text NOT NULL,
                url text NOT NULL,
                host text NOT NULL,
                depth integer NOT NULL,
                http_status integer,
                latency_ms bigint,
                reason text,
                at double precision NOT NULL
            )
            """,
            "CREATE INDEX run_log_by_run ON run_log (run_key, seq)",
            """
            CREATE TABLE documents (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                run_key bigint NOT NULL REFERENCES runs (key) ON DELETE CASCADE,
                job_id uuid NOT NULL,
                page_seq bigint NOT NULL,
                url text NOT NULL,
                title text,
                language text,
                canonical_url text,
                content_sha256 text NOT NULL,
                change text NOT NULL,
                status text NOT NULL,
                chunks integer NOT NULL,
                error text,
                updated_at timestamptz NOT NULL,
                -- A document made from the same payload with the same recipe is carried forward, not extracted again.
                payload_sha256 text,
                recipe text
            )
            """,
            "CREATE INDEX documents_by_run ON documents (run_key, id)",
            "CREATE INDEX documents_by_job_url ON documents (job_id, url, id)",
            """
            CREATE TABLE chunks (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
                run_key bigint NOT NULL,
                chunk_index integer NOT NULL,
                title text NOT NULL,
                heading text NOT NULL,
                heading_path text NOT NULL,
                text text NOT NULL,
                start_offset integer NOT NULL,
                end_offset integer NOT NULL,
                token_count integer NOT NULL,
                embedding bytea,
                model text,
                embed_failed boolean NOT NULL DEFAULT false,
                -- What the embedder reads: the chunk's words without Markdown syntax.
                embed_text text,
                -- Title, heading and text as weighted lexemes (A, B, D): what full-text search matches and ranks.
                -- Words are cut as FTS5's unicode61 cuts them: ASCII punctuation becomes a space before the parser
                -- reads the text, so the words of a URL, a path, an identifier or a tag ("<div>") are lexemes of their
                -- own (the parser keeps a URL whole and drops a tag). translate(), unlike a regex class, does not
                -- depend on the database's locale: letters outside ASCII stay letters under LC_CTYPE C as well.
                search_vector tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', translate(title, \(searchPunctuation))), 'A')
                    || setweight(to_tsvector('english', translate(heading, \(searchPunctuation))), 'B')
                    || setweight(to_tsvector('english', translate(text, \(searchPunctuation))), 'D')
                ) STORED,
                -- The chunk's length in words (stop words included, as FTS5 counts them): BM25's document length.
                search_length integer GENERATED ALWAYS AS (
                    cardinality(array_remove(regexp_split_to_array(
                        translate(title || ' ' || heading || ' ' || text, \(searchPunctuation)), '[[:space:]]+'), ''))
                ) STORED
            )
            """,
            "CREATE INDEX chunks_by_document ON chunks (document_id, chunk_index)",
            "CREATE INDEX chunks_pending ON chunks (run_key, id) WHERE embedding IS NULL AND NOT embed_failed",
            // A server catches up, run by run, with the vectors another process embedded.
            "CREATE INDEX chunks_by_run ON chunks (run_key, id)",
            "CREATE INDEX chunks_search ON chunks USING gin (search_vector)",
        ]),
        // The processes sharing the store, each refreshing its row every heartbeat (`WorkerRegistry`).
        PostgresMigration("pg2-workers", [
            """
            CREATE TABLE workers (
                id text PRIMARY KEY,
                role text NOT NULL,
                host text NOT NULL,
                pid bigint NOT NULL,
                listen text,
                max_concurrent_runs bigint NOT NULL,
                started_at timestamptz NOT NULL,
                heartbeat_at timestamptz NOT NULL
            )
            """,
            "CREATE INDEX runs_by_executor ON runs (executor) WHERE executor IS NOT NULL",
        ]),
        // Runs crawled by many processes at once (`SharedCrawlStore`): each process's part, the origins they lease,
        // and each frontier row's origin (the same rule as `OriginKey`: up to the first "/", "?" or "#" after "://").
        PostgresMigration("pg3-shared-runs", [
            "ALTER TABLE runs ADD COLUMN shared boolean NOT NULL DEFAULT false",
            """
            ALTER TABLE frontier ADD COLUMN origin text
                GENERATED ALWAYS AS (substring(url FROM '^[^:/?#]*://[^/?#]*')) STORED
            """,
            // The waiting URLs of an origin, oldest first: what leasing looks for and claiming reads.
            "CREATE INDEX frontier_waiting_by_origin ON frontier (run_key, origin, seq) WHERE state IN ('queued', 'spilled')",
            """
            CREATE TABLE run_shares (
                id uuid PRIMARY KEY,
                run_key bigint NOT NULL REFERENCES runs (key) ON DELETE CASCADE,
                executor text NOT NULL,
                is_lead boolean NOT NULL,
                lease_until timestamptz NOT NULL,
                ended boolean NOT NULL DEFAULT false,
                -- The part's own counters; the run's are their sum.
                progress jsonb NOT NULL,
                -- URLs the part wrote that another part had written first: counted by both, stored once.
                duplicate_discovered bigint NOT NULL DEFAULT 0,
                duplicate_excluded bigint NOT NULL DEFAULT 0,
                -- Of max_urls, what the part reserved before dispatching.
                reserved bigint NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX run_shares_by_run ON run_shares (run_key)",
            """
            CREATE TABLE run_origins (
                run_key bigint NOT NULL REFERENCES runs (key) ON DELETE CASCADE,
                origin text NOT NULL,
                share uuid,
                lease_until timestamptz,
                PRIMARY KEY (run_key, origin)
            )
            """,
        ]),
        // Chunks embedded by many processes (`SharedEmbeddingStore`): who holds a chunk and until when, and whether its
        // vector waits for the run's pipeline to count it. `chunks_to_embed` holds the chunks waiting for a vector in runs
        // that embed (only those keep the embedder's text), which helpers look for across runs.
        PostgresMigration("pg4-shared-embedding", [
            """
            ALTER TABLE chunks ADD COLUMN embed_holder uuid, ADD COLUMN embed_claimed_until timestamptz,
                               ADD COLUMN embed_unadopted boolean NOT NULL DEFAULT false
            """,
            """
            CREATE INDEX chunks_to_embed ON chunks (run_key, id)
                WHERE embedding IS NULL AND NOT embed_failed AND embed_text IS NOT NULL
            """,
            "CREATE INDEX chunks_unadopted ON chunks (run_key, id) WHERE embed_unadopted",
        ]),
        // Pages extracted ahead of a shared run's pipeline (`SharedExtractionStore`): the ranges helpers claim beyond its
        // cursor, and what they made, kept until the pipeline takes the pages in.
        PostgresMigration("pg5-shared-extraction", [
            """
            CREATE TABLE extraction_claims (
                run_key bigint NOT NULL REFERENCES runs (key) ON DELETE CASCADE,
                after_seq bigint NOT NULL,
                through_seq bigint NOT NULL,
                holder uuid NOT NULL,
                until timestamptz NOT NULL,
                done boolean NOT NULL DEFAULT false,
                PRIMARY KEY (run_key, after_seq)
            )
            """,
            """
            CREATE TABLE page_extractions (
                run_key bigint NOT NULL REFERENCES runs (key) ON DELETE CASCADE,
                page_seq bigint NOT NULL,
                recipe text NOT NULL,
                result bytea NOT NULL,
                PRIMARY KEY (run_key, page_seq)
            )
            """,
        ]),
    ]
}
