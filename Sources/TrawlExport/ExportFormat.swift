/// The formats `trawl export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// One document per line: what a run crawled, for search and RAG pipelines.
    case jsonl
    /// WARC 1.1: every request and response byte for byte, for web archives.
    case warc
    /// One Markdown file per page, with front matter.
    case markdown
    /// One chunk per line (text, heading path, URL, optionally the embedding): for another vector store.
    case chunks
}
