import TrawlCore

/// The body of `POST /v1/jobs/{job_id}/triggers`, validated into a draft.
enum TriggerBody {
    /// A draft from `body`, or a 422 listing every problem (the condition's included).
    static func draft(from body: ConfigValue?) throws(APIError) -> TriggerDraft {
        guard let body else { throw APIError.badRequest("a JSON body is required") }
        var reader = BodyReader(body, allowed: ["name", "condition", "enabled"])
        guard reader.isObject else { throw APIError.validation(reader.issues) }
        let name = reader.text("name", maxLength: JobBody.maximumTextLength)
        let condition = reader.object("condition")
        let enabled = reader.bool("enabled") ?? true
        var issues = reader.issues
        if let condition {
            do throws(ManifestError) {
                _ = try TriggerCondition(from: condition)
            } catch {
                issues += error.issues.map { FieldIssue(field: $0.path, code: "invalid", message: $0.message) }
            }
        }
        guard issues.isEmpty, let name, let condition else { throw APIError.validation(issues) }
        return TriggerDraft(name: name, condition: condition, enabled: enabled)
    }
}
