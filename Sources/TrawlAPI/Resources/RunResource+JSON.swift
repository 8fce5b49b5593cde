import TrawlCore
extension RunResource {
    /// The run object written directly, members in the same (sorted) order as the encoder's: what the API serves.
    /// `RunDocumentJSONTests` checks it against the `Encodable` form, so the two cannot drift apart.
    public func write(to json: inout JSONWriter) {
        let pipeline = run.pipeline
        json.beginObject()
        json.key("chunks")
        json.beginObject()
        json.key("created"); json.int(pipeline.chunks.created)
        json.key("embedded"); json.int(pipeline.chunks.embedded)
        json.key("indexed"); json.int(pipeline.chunks.indexed)
        json.endObject()
        json.key("config"); json.value(run.config.shownConfigValue)
        json.key("created_at"); json.string(Timestamp.format(run.createdAt))
        json.key("documents")
        writeDocuments(to: &json)
        json.key("error")
        if let error = run.error {
            json.beginObject()
            json.key("code"); json.string(error.code)
            json.key("message"); json.string(error.message)
            json.endObject()
        } else {
            json.null()
        }
        json.key("finished_at"); json.string(run.finishedAt.map(Timestamp.format))
        json.key("id"); json.string(run.id.description)
        json.key("job_id"); json.string(run.jobID.description)
        json.key("labels"); json.object(run.labels)
        json.key("paused_at"); json.string(run.pausedAt.map(Timestamp.format))
        json.key("progress")
        run.progress.write(to: &json)
        json.key("ready_for")
        json.beginObject()
        json.key("semantic_search"); json.bool(SearchReadiness.semanticSearch.holds(for: pipeline))
        json.key("text_search"); json.bool(SearchReadiness.textSearch.holds(for: pipeline))
        json.endObject()
        json.key("semantic_ready_at"); json.string(pipeline.semanticReadyAt.map(Timestamp.format))
        json.key("started_at"); json.string(run.startedAt.map(Timestamp.format))
        json.key("status"); json.string(run.status.rawValue)
        json.key("steps")
        json.beginArray()
        for step in Self.steps(of: run) {
            json.beginObject()
            json.key("error"); json.string(step.error)
            json.key("failed"); json.int(step.failed)
            json.key("finished_at"); json.string(step.finishedAt.map(Timestamp.format))
            json.key("name"); json.string(step.name)
            json.key("processed"); json.int(step.processed)
            json.key("started_at"); json.string(step.startedAt.map(Timestamp.format))
            json.key("status"); json.string(step.status.rawValue)
            json.endObject()
        }
        json.endArray()
        json.key("stop_reason"); json.string(run.stopReason?.rawValue)
        json.key("tenant_id"); json.string(run.tenantID)
        json.key("text_indexed_at"); json.string(pipeline.textIndexedAt.map(Timestamp.format))
        json.key("updated_at"); json.string(Timestamp.format(run.updatedAt))
        json.endObject()
    }

    private func writeDocuments(to json: inout JSONWriter) {
        let documents = run.pipeline.documents
        json.beginObject()
        json.key("adds"); json.int(documents.adds)
        json.key("chunked"); json.int(documents.chunked)
        json.key("deletes"); json.int(documents.deletes)
        json.key("discovered"); json.int(run.progress.discovered)
        json.key("embedded"); json.int(documents.embedded)
        json.key("failed"); json.int(documents.failed)
        json.key("fetched"); json.int(run.progress.fetched)
        json.key("indexed"); json.int(documents.indexed)
        json.key("parsed"); json.int(documents.parsed)
        json.key("skipped"); json.int(documents.skipped)
        json.key("unchanged"); json.int(documents.unchanged)
        json.key("updates"); json.int(documents.updates)
        json.endObject()
    }
}
