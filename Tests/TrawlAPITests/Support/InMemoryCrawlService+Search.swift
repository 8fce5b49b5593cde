import Foundation
import TrawlCore

extension InMemoryCrawlService {
    func documents(_ query: DocumentQuery, tenantID: String) async throws(ServiceError) -> [DocumentRecord] {
        _ = try await run(query.runID, tenantID: tenantID)
        let matching = (documentRecords[query.runID] ?? []).filter { record in
            (query.statuses.isEmpty || query.statuses.contains(record.status)) && query.after.map { record.id > $0 } ?? true
        }
        return Array(matching.prefix(query.limit))
    }

    /// Text mode ranks hits by how many query words they contain; the other modes rank in reverse, so tests can
    /// tell that the mode reached the service.
    func search(_ query: SearchQuery, mode: SearchMode) async throws(ServiceError) -> SearchAnswer {
        if let searchFailure { throw searchFailure }
        let words = query.text.lowercased().split(separator: " ").map(String.init)
        let visible = searchable.filter { hit in
            guard let run = runs[hit.runID], run.tenantID == query.tenantID else { return false }
            return (query.jobIDs.isEmpty || query.jobIDs.contains(hit.jobID))
                && (query.runIDs.isEmpty || query.runIDs.contains(hit.runID))
                && query.labels.allSatisfy { run.labels[$0.key] == $0.value }
        }
        var scored: [(SearchHit, Double)] = []
        for hit in visible {
            let text = hit.text.lowercased()
            let matches = words.filter { text.contains($0) }.count
            if matches > 0 { scored.append((hit, Double(matches))) }
        }
        scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.chunkID < $1.0.chunkID }
        let ordered = mode == .text ? scored : scored.reversed()
        return SearchAnswer(results: ordered.prefix(query.limit).enumerated().map { rank, entry in
            SearchResult(hit: entry.0, score: entry.1, textRank: mode == .semantic ? nil : rank + 1,
                         semanticRank: mode == .text ? nil : rank + 1)
        }, warnings: searchWarnings)
    }

    func setSearchable(_ hits: [SearchHit]) { searchable = hits }

    func setSearchFailure(_ failure: ServiceError?) { searchFailure = failure }

    func setSearchWarnings(_ warnings: [String]) { searchWarnings = warnings }

    func setDocuments(_ records: [DocumentRecord], for runID: RunID) { documentRecords[runID] = records }
}
