import Foundation
import TrawlCore

extension InMemoryCrawlService {
    func runLog(_ query: RunLogQuery, tenantID: String) async throws(ServiceError) -> [CrawlLogEntry] {
        _ = try await run(query.runID, tenantID: tenantID)
        let matching = (logs[query.runID] ?? []).filter { entry in
            (query.steps.isEmpty || query.steps.contains(entry.step))
                && (query.statuses.isEmpty || query.statuses.contains(entry.status))
                && (query.hosts.isEmpty || query.hosts.contains(entry.host))
                && (query.reasons.isEmpty || entry.reason.map(query.reasons.contains) == true)
                && query.after.map { entry.sequence > $0 } ?? true
        }
        return Array(matching.prefix(query.limit))
    }

    func runLinks(_ query: RunLinkQuery, tenantID: String) async throws(ServiceError) -> [FrontierRecord] {
        _ = try await run(query.runID, tenantID: tenantID)
        // The SQLite store orders by the signed 64-bit column; the fake does the same.
        let key = { (fingerprint: UInt64) in Int64(bitPattern: fingerprint) }
        let matching = (links[query.runID] ?? []).sorted { key($0.fingerprint) < key($1.fingerprint) }.filter { record in
            (query.states.isEmpty || query.states.contains(record.state))
                && query.after.map { key(record.fingerprint) > key($0) } ?? true
        }
        return Array(matching.prefix(query.limit))
    }

    func runEdges(of runID: RunID, tenantID: String, after: EdgePosition?, limit: Int) async throws(ServiceError) -> [LinkEdge] {
        _ = try await run(runID, tenantID: tenantID)
        return Array((edges[runID] ?? []).filter { edge in after.map { edge.position > $0 } ?? true }.prefix(limit))
    }

    /// Gives a run what a crawl would have recorded: log entries (sequences from 1), URLs and edges.
    func record(log: [CrawlLogEntry], links: [FrontierRecord], edges: [LinkEdge], for runID: RunID) {
        self.logs[runID] = log.enumerated().map { index, entry in
            var numbered = entry
            numbered.sequence = Int64(index + 1)
            return numbered
        }
        self.links[runID] = links
        self.edges[runID] = edges
    }
}

extension InMemoryCrawlService {
    func statistics() async throws(ServiceError) -> CrawlStatistics {
        var byStatus = Dictionary(uniqueKeysWithValues: RunStatus.allCases.map { ($0, 0) })
        for run in runs.values { byStatus[run.status, default: 0] += 1 }
        let pending = runs.values.filter { $0.status != .finished }.map(\.progress.queued).reduce(0, +)
        return CrawlStatistics(runsByStatus: byStatus, frontierURLs: pending)
    }

    func exportSlot(tenantID: String) async throws(ServiceError) -> TenantSlots.Lease {
        guard let lease = exportSlots.take(for: tenantID) else {
            throw .quotaExceeded("the tenant has \(exportSlots.limit ?? 0) exports under way", retryAfter: 5)
        }
        return lease
    }

    /// A stand-in export: one line per log entry recorded for the run, handed over a line at a time.
    func exportRun(_ id: RunID, tenantID: String, format: RunExportFormat,
                   write: @escaping @Sendable ([UInt8]) async throws -> Void) async throws(ServiceError) {
        _ = try await run(id, tenantID: tenantID)
        let entries = logs[id] ?? []
        do {
            for entry in entries { try await write(Array("{\"url\":\"\(entry.url)\",\"format\":\"\(format.rawValue)\"}\n".utf8)) }
        } catch {
            throw .internal("the reader went away")
        }
    }
}
