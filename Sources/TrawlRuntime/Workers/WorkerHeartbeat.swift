import Foundation
import Logging
import TrawlCore

/// Announces this process in the store's worker list every `interval` while it runs, and takes it off the list when
/// it shuts down. A process killed without a word stays listed, its heartbeat ageing, until the others forget it.
public actor WorkerHeartbeat {
    private let registry: any WorkerRegistry
    private var record: WorkerRecord
    private let interval: Duration
    /// How long a silent process is listed as lost before it is forgotten altogether.
    private let forgetAfter: TimeInterval
    private let logger: Logger
    private var beating: Task<Void, Never>?

    /// A heartbeat for `record`; processes silent for a hundred run-claim leases are forgotten.
    public init(registry: any WorkerRegistry, record: WorkerRecord, interval: Duration, lease: Duration, logger: Logger) {
        self.registry = registry
        self.record = record
        self.interval = interval
        forgetAfter = max(3_600, 100 * lease.seconds)
        self.logger = logger
    }

    /// Writes the first heartbeat (so the process is listed once `start` returns) and keeps beating.
    public func start() async {
        guard beating == nil else { return }
        await beat()
        let interval = interval
        beating = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled, let self else { return }
                await self.beat()
            }
        }
    }

    /// Stops beating and takes the process off the list.
    public func stop() async {
        guard let beating else { return }
        beating.cancel()
        self.beating = nil
        do { try await registry.retireWorker(record.id) } catch {
            logger.warning("could not take this process off the worker list: \(error.message)")
        }
    }

    private func beat() async {
        let now = Date()
        record.heartbeatAt = now
        do { try await registry.heartbeat(record, forgetBefore: now - forgetAfter) } catch {
            // Only the operator's view suffers: run claims, not heartbeats, decide who executes what.
            logger.warning("could not record this process's heartbeat: \(error.message)")
        }
    }
}
