import TrawlCore

/// The body of `POST /v1/jobs` and `PUT /v1/jobs/{job_id}`, validated into a draft.
enum JobBody {
    /// Longest name, label key and label value (the manifest's own limit).
    static let maximumTextLength = 200

    /// A draft from `body`, or a 422 listing every problem. `id` is accepted only on create.
    static func draft(from body: ConfigValue?, acceptsID: Bool) throws(APIError) -> JobDraft {
        guard let body else { throw APIError.badRequest("a JSON body is required") }
        var allowed = ["name", "labels", "config"]
        if acceptsID { allowed.insert("id", at: 0) }
        var reader = BodyReader(body, allowed: allowed)
        guard reader.isObject else { throw APIError.validation(reader.issues) }
        let id = acceptsID ? reader.identifier("id", as: JobID.self) : nil
        let name = reader.text("name", maxLength: maximumTextLength)
        let labels = reader.stringMap("labels", maxLength: maximumTextLength, maxCount: Manifest.maximumLabels)
        let config = reader.object("config")
        guard reader.issues.isEmpty, let name, let config else {
            // The service validates the config too, but listing its problems here as well means the client
            // sees everything wrong at once instead of fixing the envelope first.
            var issues = reader.issues
            if let config { issues += configIssues(config) }
            throw APIError.validation(issues)
        }
        return JobDraft(id: id, name: name, labels: labels, config: config)
    }

    /// What `CrawlConfig(from:)` finds wrong with `config`, as field issues.
    private static func configIssues(_ config: ConfigValue) -> [FieldIssue] {
        do throws(ManifestError) {
            _ = try CrawlConfig(from: config)
            return []
        } catch {
            return error.issues.map { FieldIssue(field: $0.path, code: "invalid", message: $0.message) }
        }
    }
}
