import Foundation
import TrawlCore

/// The human summary printed when a run ends.
struct Summary {
    let run: Run
    init(_ run: Run) { self.run = run }

    var text: String {
        let p = run.progress
        let elapsed = (run.finishedAt ?? Date()).timeIntervalSince(run.startedAt ?? run.createdAt)
        let rate = elapsed > 0 ? Double(p.fetched) / elapsed : 0
        let statuses = p.httpStatus.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        var lines = [
            "run \(run.id) \(run.status.rawValue)" + (run.stopReason.map { " — stop reason: \($0.rawValue)" } ?? ""),
            "  fetched \(p.fetched) · failed \(p.failed) · excluded \(p.excluded) · discovered \(p.discovered) · queued \(p.queued)",
            "  depth reached \(p.depthReached) · \(Self.bytes(p.bytesDownloaded)) downloaded · "
                + "\(Self.clock(.milliseconds(Int64(elapsed * 1000)))) · \(String(format: "%.1f", rate)) pages/s",
        ]
        if !statuses.isEmpty { lines.append("  HTTP status: \(statuses)") }
        if p.unchanged > 0 || p.reused > 0 {
            lines.append("  re-crawl: \(p.unchanged) unchanged (304 or the same body) · \(p.reused) reused without a request")
        }
        if let error = run.error { lines.append("  error: \(error.code): \(error.message)") }
        let pipeline = run.pipeline
        if pipeline.documents.seen > 0 {
            let d = pipeline.documents
            lines.append("  documents: \(d.parsed) parsed · \(d.indexed) indexed · \(d.embedded) embedded · \(d.failed) failed"
                + " (\(d.adds) new, \(d.updates) changed, \(d.unchanged) unchanged, \(d.deletes) gone) · "
                + "\(pipeline.chunks.created) chunks")
            // The API's rule, so the summary and the run object never disagree.
            let ready = [SearchReadiness.textSearch.holds(for: pipeline) ? "text" : nil,
                         SearchReadiness.semanticSearch.holds(for: pipeline) ? "semantic" : nil].compactMap { $0 }
            lines.append("  ready for: " + (ready.isEmpty ? "nothing yet" : ready.joined(separator: " and ")) + " search")
            if let error = pipeline.error { lines.append("  pipeline: \(error)") }
        }
        return lines.joined(separator: "\n")
    }

    static func clock(_ duration: Duration) -> String {
        let total = Int(duration.components.seconds)
        return String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
    }

    static func bytes(_ count: Int) -> String {
        ByteCountFormatter.string(fromByteCount: Int64(count), countStyle: .binary)
    }
}
