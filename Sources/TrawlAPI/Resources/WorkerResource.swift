import TrawlCore

/// A process sharing the store, as `GET /v1/workers` shows it.
struct WorkerResource: Encodable, Sendable {
    let status: WorkerStatus

    init(_ status: WorkerStatus) { self.status = status }

    private enum CodingKeys: String, CodingKey {
        case id, role, host, pid, listen, status, runs, parts
        case maxConcurrentRuns = "max_concurrent_runs", startedAt = "started_at", heartbeatAt = "heartbeat_at"
    }

    func encode(to encoder: any Encoder) throws {
        let worker = status.worker
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(worker.id, forKey: .id)
        try container.encode(worker.role.rawValue, forKey: .role)
        try container.encode(worker.host, forKey: .host)
        try container.encode(worker.pid, forKey: .pid)
        try container.encode(worker.listen, forKey: .listen)
        // Said in words, not left to a client to work out from the heartbeat's age.
        try container.encode(status.isLive ? "live" : "lost", forKey: .status)
        try container.encode(worker.maxConcurrentRuns, forKey: .maxConcurrentRuns)
        try container.encode(Timestamp.format(worker.startedAt), forKey: .startedAt)
        try container.encode(Timestamp.format(worker.heartbeatAt), forKey: .heartbeatAt)
        try container.encode(worker.runs.map(\.description), forKey: .runs)
        try container.encode(worker.parts.map(Part.init), forKey: .parts)
    }

    private struct Part: Encodable {
        let part: WorkerPart
        init(_ part: WorkerPart) { self.part = part }

        private enum CodingKeys: String, CodingKey {
            case runID = "run_id", lead, origins
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(part.runID.description, forKey: .runID)
            try container.encode(part.isLead, forKey: .lead)
            try container.encode(part.origins, forKey: .origins)
        }
    }
}
