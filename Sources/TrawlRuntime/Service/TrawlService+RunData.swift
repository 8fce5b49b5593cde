import TrawlCore
import TrawlExport

extension TrawlService {
    public func runLog(_ query: RunLogQuery, tenantID: String) async throws(ServiceError) -> [CrawlLogEntry] {
        try await reading(as: tenantID) { () async throws(ServiceError) in
            _ = try await run(query.runID, tenantID: tenantID)
            return try await storeCall { () throws(StoreError) in try await store.logEntries(matching: query) }
        }
    }

    public func runLinks(_ query: RunLinkQuery, tenantID: String) async throws(ServiceError) -> [FrontierRecord] {
        try await reading(as: tenantID) { () async throws(ServiceError) in
            _ = try await run(query.runID, tenantID: tenantID)
            return try await storeCall { () throws(StoreError) in try await store.links(matching: query) }
        }
    }

    public func runEdges(of runID: RunID, tenantID: String, after: EdgePosition?,
                         limit: Int) async throws(ServiceError) -> [LinkEdge] {
        try await reading(as: tenantID) { () async throws(ServiceError) in
            _ = try await run(runID, tenantID: tenantID)
            return try await storeCall { () throws(StoreError) in try await store.edges(of: runID, after: after, limit: limit) }
        }
    }

    /// Runs `body` holding `slots` of the tenant's read slots (a hybrid search reads twice at once): past the
    /// tenant's limit, a read waits for nothing and is refused at once (the client retries after a second).
    func reading<T>(as tenantID: String, slots: Int = 1,
                    _ body: () async throws(ServiceError) -> T) async throws(ServiceError) -> T {
        var leases: [TenantSlots.Lease] = []
        for _ in 0..<slots {
            guard let lease = reads.take(for: tenantID) else {
                throw .quotaExceeded("the tenant has \(reads.limit ?? 0) searches or run reads under way, the most this "
                                     + "server allows at once", retryAfter: 1)
            }
            leases.append(lease)
        }
        defer { withExtendedLifetime(leases) {} }
        return try await body()
    }

    /// A slot for one of the tenant's exports, held until the lease is dropped: a client that opens many exports at
    /// once would otherwise hold as many store readers and threads.
    public func exportSlot(tenantID: String) async throws(ServiceError) -> TenantSlots.Lease {
        guard let lease = exports.take(for: tenantID) else {
            throw .quotaExceeded("the tenant has \(exports.limit ?? 0) exports under way, the most this server allows at "
                                 + "once", retryAfter: 5)
        }
        return lease
    }

    public func exportRun(_ id: RunID, tenantID: String, format: RunExportFormat,
                          write: @escaping @Sendable ([UInt8]) async throws -> Void) async throws(ServiceError) {
        _ = try await run(id, tenantID: tenantID)
        let sink = ByteSink.consumer(write)
        do throws(ExportError) {
            switch format {
            case .jsonl: _ = try await exporter.exportJSONL(id, to: sink)
            case .warc: _ = try await exporter.exportWARC(id, to: sink, gzip: true, software: TrawlRuntime.software)
            }
        } catch {
            throw .internal("export of run \(id) failed: \(error)")
        }
    }
}
