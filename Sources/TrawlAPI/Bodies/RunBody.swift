import TrawlCore

/// The body of `POST /v1/jobs/{job_id}/runs`: `{id?}` or nothing at all.
enum RunBody {
    /// The run ID the client chose, if any.
    static func runID(from body: ConfigValue?) throws(APIError) -> RunID? {
        guard let body else { return nil }
        var reader = BodyReader(body, allowed: ["id"])
        guard reader.isObject else { throw APIError.validation(reader.issues) }
        let id = reader.identifier("id", as: RunID.self)
        if !reader.issues.isEmpty { throw APIError.validation(reader.issues) }
        return id
    }
}
