/// What a search's results are: chunks, or pages with their best chunks as passages.
public enum SearchGrouping: String, Sendable, CaseIterable {
    /// Each result a chunk; several chunks of one page may fill the list.
    case chunk
    /// Each result a page (one per run and URL), ranked by its best chunk, with up to three of its best chunks.
    case page
}
