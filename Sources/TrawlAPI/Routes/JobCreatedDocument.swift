import TrawlCore

/// The answer to `POST /v1/jobs`: the job object, plus a `run` field when `create_run=true` started one.
struct JobCreatedDocument: Encodable, Sendable {
    let job: Job
    let run: Run?

    private enum CodingKeys: String, CodingKey { case run }

    func encode(to encoder: any Encoder) throws {
        try JobDocument(job).encode(to: encoder)
        if let run {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(RunDocument(run), forKey: .run)
        }
    }
}
