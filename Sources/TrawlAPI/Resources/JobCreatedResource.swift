import TrawlCore

/// The answer to `POST /v1/jobs`: the job object, plus a `run` field when `create_run=true` started one.
struct JobCreatedResource: Encodable, Sendable {
    let job: Job
    let run: Run?

    private enum CodingKeys: String, CodingKey { case run }

    func encode(to encoder: any Encoder) throws {
        try JobResource(job).encode(to: encoder)
        if let run {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(RunResource(run), forKey: .run)
        }
    }
}
