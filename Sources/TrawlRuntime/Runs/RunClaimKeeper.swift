import Foundation
import Logging
import TrawlCore

/// This process's claims on runs (`RunClaims`): taken before a run's crawl or pipeline starts here, renewed every
/// beat while either goes on, and given up when both are done. Each beat also collects what other processes asked of
/// the runs held here (pause, stop) and hands it to `onRequest`, so a control call made to any server reaches the
/// engine within a beat.
///
/// One keeper per process: the crawl and the pipeline of a run share its claim (held while either runs), so another
/// process never starts a second pipeline for a run whose crawl ended here a moment ago.
public actor RunClaimKeeper {
    /// How this process names itself in the store: host, process ID and a random part (a restarted process is new).
    public nonisolated let executor: String
    private let store: any RunClaims
    private let lease: Duration
    private let beat: Duration
    private let logger: Logger
    /// Holders per claimed run (its engine, its pipeline).
    private var holders: [RunID: Int] = [:]
    /// Which store claim each held run's holders share: a claim given up and taken again is a new one, and a renewal
    /// that saw the old one's release must not report the new one lost.
    private var generations: [RunID: UInt64] = [:]
    private var nextGeneration: UInt64 = 0
    /// Store releases under way: a claim of the same run waits for its release, or the release could land after the
    /// claim and leave the run unclaimed in the store while this process holds it.
    private var releasing: [RunID: Task<Void, Never>] = [:]
    private var beating: Task<Void, Never>?
    private var onRequest: (@Sendable (RunID, RunControlRequest) async -> Void)?
    private var onLoss: (@Sendable (RunID) async -> Void)?

    /// A keeper renewing every `beat` for `lease` (the lease must outlast several beats: a process is taken for dead
    /// only when it missed them all).
    public init(store: any RunClaims, lease: Duration, beat: Duration, logger: Logger) {
        self.store = store
        self.lease = lease
        self.beat = beat
        self.logger = logger
        let host = ProcessInfo.processInfo.hostName.prefix(64)
        executor = "\(host):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Where control requests and lost claims go.
    public func observe(requests: @escaping @Sendable (RunID, RunControlRequest) async -> Void,
                        losses: @escaping @Sendable (RunID) async -> Void) {
        onRequest = requests
        onLoss = losses
    }

    /// Takes (or shares) the claim on `id`; false when another live process holds it.
    public func claim(_ id: RunID) async throws(StoreError) -> Bool {
        var awaited: Task<Void, Never>?
        while holders[id] == nil, let release = releasing[id], release != awaited {
            awaited = release
            await release.value
        }
        if let count = holders[id] {
            holders[id] = count + 1
            return true
        }
        let now = Date()
        guard try await store.claimRun(id, executor: executor, now: now, until: now + lease.seconds) else { return false }
        // Another holder may have claimed it while this one waited for the store.
        if holders[id] == nil {
            nextGeneration += 1
            generations[id] = nextGeneration
        }
        holders[id, default: 0] += 1
        startBeating()
        return true
    }

    /// Drops one holder of `id`'s claim; the last one gives the claim up.
    public func release(_ id: RunID) async {
        guard let count = holders[id] else { return }
        if count > 1 {
            holders[id] = count - 1
            return
        }
        holders[id] = nil
        generations[id] = nil
        let (store, executor, logger) = (store, executor, logger)
        let release = Task {
            do throws(StoreError) { try await store.releaseRun(id, executor: executor) } catch {
                // The lease runs out on its own; until then no other process picks the run up.
                logger.warning("could not release the claim on run \(id): \(error.message)")
            }
        }
        releasing[id] = release
        await release.value
        if releasing[id] == release { releasing[id] = nil }
    }

    /// Whether this process holds a claim on `id`.
    public func holds(_ id: RunID) -> Bool { holders[id] != nil }

    /// Stops renewing (the process is ending: what it held is released by its holders, or expires).
    public func stop() {
        beating?.cancel()
        beating = nil
    }

    private func startBeating() {
        guard beating == nil else { return }
        let beat = beat
        beating = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: beat)
                guard let self, await self.renew() else { return }
            }
        }
    }

    /// One beat: renews every claim held and dispatches what was asked; false when nothing is held (the loop ends).
    private func renew() async -> Bool {
        let ids = Array(holders.keys)
        let renewed = generations
        guard !ids.isEmpty else {
            beating = nil
            return false
        }
        let renewal: ClaimRenewal
        do {
            renewal = try await store.renewClaims(ids, executor: executor, until: Date() + lease.seconds)
        } catch {
            logger.warning("could not renew run claims: \(error.message)")
            return true
        }
        for (id, request) in renewal.requests { await onRequest?(id, request) }
        // Only a claim held all through the renewal can have been lost; one given up and taken again meanwhile is new.
        for id in renewal.lost where holders[id] != nil && generations[id] == renewed[id] {
            logger.error("run \(id) was taken over by another process after this one missed its lease")
            holders[id] = nil
            generations[id] = nil
            await onLoss?(id)
        }
        return true
    }
}
