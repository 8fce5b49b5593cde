/// What a run's export over HTTP is written as.
public enum RunExportFormat: String, Sendable, CaseIterable {
    /// One document per line (`application/x-ndjson`).
    case jsonl
    /// WARC 1.1, each record gzipped (`application/warc`, the `.warc.gz` archives replay tools read).
    case warc
}
