extension TriggerCondition {
    /// Reads a `{kind, params}` condition, reporting every problem with its path under `path`.
    public init(from value: ConfigValue, path: String = "condition") throws(ManifestError) {
        var reader = ManifestReader()
        let condition = Self.read(value, at: path, with: &reader)
        try reader.check()
        guard let condition else { throw ManifestError(issues: [.init(path: path, message: "is not a condition")]) }
        self = condition
    }

    static func read(_ value: ConfigValue, at path: String, with reader: inout ManifestReader) -> TriggerCondition? {
        guard let component = reader.component(value, at: path, of: Kind.self) else { return nil }
        switch component.kind {
        case .schedule:
            guard let params = reader.fields(of: component.params, at: component.paramsPath, allowed: ["expression"]),
                  let text = reader.field("expression", of: params, required: true, { $0.string($1, at: $2, nonEmpty: true) })
            else { return nil }
            do throws(CronError) {
                return .schedule(expression: text, cron: try CronExpression(text))
            } catch {
                reader.report(params.path("expression"), error.message)
                return nil
            }
        case .onFinish:
            guard let params = reader.fields(of: component.params, at: component.paramsPath, allowed: ["delay", "job_id"])
            else { return nil }
            let delay = reader.field("delay", of: params) { $0.duration($1, at: $2, allowZero: true) } ?? .zero
            let watched = reader.field("job_id", of: params) { reader, value, path -> JobID? in
                guard let text = reader.string(value, at: path) else { return nil }
                guard let id = JobID(text) else {
                    reader.report(path, "'\(text)' is not a UUID")
                    return nil
                }
                return id
            }
            if params["job_id"] != nil, watched == nil { return nil }
            return .onFinish(delay: delay, watchedJobID: watched)
        }
    }

    /// The canonical `{kind, params}` form.
    public var configValue: ConfigValue {
        switch self {
        case .schedule(let expression, _):
            .component(Kind.schedule.rawValue, [("expression", .string(expression))])
        case .onFinish(let delay, let watched):
            .component(Kind.onFinish.rawValue, [
                ("delay", .duration(delay)),
                ("job_id", watched.map { .string($0.description) } ?? .null),
            ])
        }
    }
}
