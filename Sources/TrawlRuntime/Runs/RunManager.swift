import DequeModule
import Foundation
import Logging
import TrawlCore

/// Owns the runs executing in this process: starts pending runs within a global cap (excess runs wait as
/// `pending`; a freed slot goes to the oldest waiting run of the tenant with the fewest runs executing here, so one
/// tenant's hundred queued runs do not hold every other tenant back), routes pause/resume/stop to their engines, and at start-up resumes
/// the runs a previous process left running.
///
/// Many processes may share one store: a run executes only in the process holding its claim (`RunClaimKeeper`),
/// taken before its engine starts. Control calls for a run executing elsewhere are left in the store for that process,
/// which acts on them within a beat; a run whose process died (its claim expired) is picked up by `recover()`, which
/// a server calls at start-up and then every `sweepInterval`.
///
/// Every transition goes through `RunLifecycle`, and the manager answers only once the store shows it, so a
/// client that reads the run right after a control call sees the new state.
public actor RunManager {
    private struct Active {
        let engine: CrawlEngine
        let task: Task<Run, Never>
        let tenantID: String
    }

    /// A pending run waiting for a slot here.
    private struct Queued {
        let id: RunID
        let tenantID: String
    }

    /// How this process joins shared runs other processes lead (`CrawlShare`).
    public struct Sharing: Sendable {
        let store: any SharedCrawlStore
        let makeEngine: @Sendable (Run) -> CrawlEngine?

        /// Joins through `store` with engines from `makeEngine`.
        public init(store: any SharedCrawlStore, makeEngine: @escaping @Sendable (Run) -> CrawlEngine?) {
            self.store = store
            self.makeEngine = makeEngine
        }
    }

    /// Runs read and written, and the claims and control requests that say which process executes them.
    let store: any RunStateStore & RunClaims
    let claims: RunClaimKeeper
    private let makeEngine: @Sendable (Run) -> CrawlEngine
    let logger: Logger
    /// Runs executing at once; more wait as `pending`. Zero for an API node (`trawl serve --no-execute`), which
    /// executes nothing: its runs wait, pending or running, for a worker's sweep to claim them.
    public let maxConcurrentRuns: Int
    private var active: [RunID: Active] = [:]
    /// Parts of shared runs led elsewhere that this process crawls too: they take slots, but their ends are not the
    /// run's (the lead's is), and control reaches them through the store.
    private var parts: [RunID: Active] = [:]
    private let sharing: Sharing?
    private var waiting: Deque<Queued> = []
    private(set) var shuttingDown = false
    private var sweeper: Task<Void, Never>?
    private var finishObserver: (@Sendable (Run) async -> Void)?
    /// Runs whose launch or change is under way here (slot reserved, store write or read pending): nothing else starts
    /// or changes them until the reservation ends (`release` or `launch`).
    private var reserved: Set<RunID> = []
    /// Runs stopped while their launch was under way.
    var cancelledLaunches: Set<RunID> = []
    /// Control calls waiting for a reservation to end, to act on the run as that left it.
    private var reservationWaiters: [RunID: [CheckedContinuation<Void, Never>]] = [:]
    private var launchObserver: (@Sendable (Run) async -> Void)?
    private var endObserver: (@Sendable (Run) async -> Void)?
    /// Runs whose final state the store would not take (a full disk): shown as they are, and written again every
    /// `rewriteInterval` until the store takes them.
    var unwritten: [RunID: Run] = [:]
    /// How often an unwritten final state is tried again.
    var rewriteInterval: Duration = .seconds(2)

    /// A manager starting engines with `makeEngine`.
    public init(store: any RunStateStore & RunClaims, claims: RunClaimKeeper, maxConcurrentRuns: Int, sharing: Sharing? = nil,
                logger: Logger, makeEngine: @escaping @Sendable (Run) -> CrawlEngine) {
        self.store = store
        self.sharing = sharing
        self.claims = claims
        self.maxConcurrentRuns = max(0, maxConcurrentRuns)
        self.logger = logger
        self.makeEngine = makeEngine
    }

    /// Calls `observer` with every run that finishes on its own or by a control call (triggers watch this).
    public func observeFinishes(_ observer: @escaping @Sendable (Run) async -> Void) {
        finishObserver = observer
    }

    /// Calls `observer` with every run as its engine starts (pipelines follow the crawl from there).
    public func observeLaunches(_ observer: @escaping @Sendable (Run) async -> Void) {
        launchObserver = observer
    }

    /// Calls `observer` with every run whose engine has stopped, as the engine left it (whether or not the store
    /// could record it): what anything waiting on the crawl (a pipeline) must hear even when the store cannot say.
    public func observeEnds(_ observer: @escaping @Sendable (Run) async -> Void) {
        endObserver = observer
    }

    /// The run as it really is, when the store could not be told: nil when the store is right.
    public func unwrittenState(of id: RunID) -> Run? { unwritten[id] }

    /// Runs executing now (led here; parts of runs led elsewhere are not counted).
    public var runningCount: Int { active.count }

    /// Shared runs led elsewhere that this process crawls a part of.
    public var joinedRuns: [RunID] { Array(parts.keys) }

    /// Whether this process executes runs at all.
    public nonisolated var executes: Bool { maxConcurrentRuns > 0 }

    /// Pending runs waiting for a slot, oldest first (the next to start is the oldest of the tenant with the fewest
    /// runs executing here).
    public var queued: [RunID] { waiting.map(\.id) }

    /// Whether `id` waits for a slot here.
    private func isQueued(_ id: RunID) -> Bool { waiting.contains { $0.id == id } }

    /// Starts a pending run now, or queues it until a slot frees up.
    public func submit(_ run: Run) async {
        // Not when reserved: the sweep may be launching it already (it saw the run pending in the store), and a second
        // launch would crawl the run with two engines.
        guard executes, run.status == .pending, !isActive(run.id), !isQueued(run.id) else { return }
        waiting.append(Queued(id: run.id, tenantID: run.tenantID))
        await fillSlots()
    }

    /// Resumes the runs no live process holds that are `running` (left by a crash or a shutdown) and queues the
    /// `pending` ones. Paused runs stay paused. Returns how many runs were resumed.
    @discardableResult
    public func recover() async throws(RunControlError) -> Int {
        guard executes, !shuttingDown else { return 0 }
        let stored: [Run]
        do { stored = try await store.claimableRuns(withStatus: [.running, .pending], executor: claims.executor, now: Date()) } catch {
            throw .store(error)
        }
        var resumed = 0
        // A run whose final state the store would not take is over, whatever the store still says.
        let leftOver = stored.filter { unwritten[$0.id] == nil }
        // Within this process's cap: what is left over is for other processes, or the next sweep.
        for run in leftOver where run.status == .running && !isActive(run.id) && hasFreeSlot {
            if await claimAndLaunch(run.id, expecting: .running) { resumed += 1 }
        }
        for run in leftOver where run.status == .pending && !isActive(run.id) && !isQueued(run.id) {
            waiting.append(Queued(id: run.id, tenantID: run.tenantID))
        }
        await fillSlots()
        await joinSharedRuns()
        if resumed > 0 { logger.info("resumed \(resumed) run(s) left running by the previous process") }
        return resumed
    }

    /// Joins, with the slots left, shared runs that have origins nobody leases.
    private func joinSharedRuns() async {
        guard let sharing, hasFreeSlot, !shuttingDown else { return }
        let joinable: [RunID]
        do { joinable = try await sharing.store.joinableRuns(executor: claims.executor, now: Date()) } catch {
            logger.warning("could not look for shared runs to join: \(error.message)")
            return
        }
        for id in joinable where hasFreeSlot && !shuttingDown && parts[id] == nil && !isActive(id) {
            guard let run = try? await store.run(id), run.status == .running,
                  parts[id] == nil, !isActive(id), let engine = sharing.makeEngine(run) else { continue }
            logger.info("joining run \(id)")
            let task = Task { [weak self] in
                let final = await engine.run()
                await self?.partEnded(id)
                return final
            }
            parts[id] = Active(engine: engine, task: task, tenantID: run.tenantID)
        }
    }

    private func partEnded(_ id: RunID) async {
        parts[id] = nil
        await fillSlots()
    }

    /// Waits until `id` is no longer executing and returns it as stored.
    public func finished(_ id: RunID) async -> Run? {
        if let active = active[id] { return await active.task.value }
        return try? await store.run(id)
    }

    /// Calls `recover()` every `interval` until shutdown: how runs of a process that died are picked up.
    public func startSweeping(every interval: Duration) {
        guard executes, sweeper == nil else { return }
        sweeper = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let self else { return }
                do throws(RunControlError) { try await self.recover() } catch {
                    self.logger.warning("could not look for runs to pick up: \(error.description)")
                }
            }
        }
    }

    /// Acts on what another process asked of a run held here.
    func handle(_ request: RunControlRequest, for id: RunID) async {
        switch request {
        case .pause: active[id]?.engine.pause()
        case .stop:
            if let active = active[id] {
                active.engine.stop()
                return
            }
            // Held here for its pipeline only (the crawl is paused), or being launched or resumed here: stopped here,
            // where the claim is, the way a client's stop is (which waits for a launch under way).
            guard let run = try? await store.run(id), run.status != .finished else { return }
            do { _ = try await stop(id, tenantID: run.tenantID) } catch {
                logger.warning("could not stop run \(id) as another process asked: \(error.description)")
            }
        case .resume:
            // Held here for its pipeline while paused: resumed here, where the claim is.
            guard active[id] == nil, let run = try? await store.run(id), run.status == .paused else { return }
            do { _ = try await resume(id, tenantID: run.tenantID) } catch {
                logger.warning("could not resume run \(id) as another process asked: \(error.description)")
            }
        }
    }

    /// Stops the engine of a run whose claim another process took (this one missed its lease): that process
    /// executes it now, and two engines must not write one run.
    func claimLost(_ id: RunID) {
        active[id]?.engine.suspend()
        // Held for an unwritten final state, and lost (the store was out of reach for a lease): the process that holds
        // the run now has the say, and its state is not to be overwritten with ours.
        if let run = unwritten.removeValue(forKey: id) {
            Task { await claimTaken(run) }
        }
    }

    /// Suspends every executing run (they stay `running` and resume in the next process) and waits for them.
    public func shutdown() async {
        shuttingDown = true
        sweeper?.cancel()
        let executing = Array(active.values) + Array(parts.values)
        for run in executing { run.engine.suspend() }
        for run in executing { _ = await run.task.value }
        // A last try for the final states the store has not taken: the next process would resume them otherwise.
        for run in Array(unwritten.values) where await !writeUnwritten(run) {
            logger.error("run \(run.id) ended, but the store would not take it: it will resume in the next process")
        }
    }

    // MARK: - Internals shared with RunManager+Control

    func engine(of id: RunID) -> (CrawlEngine, Task<Run, Never>)? {
        active[id].map { ($0.engine, $0.task) }
    }

    /// Whether the run is executing or about to.
    func isActive(_ id: RunID) -> Bool { active[id] != nil || reserved.contains(id) }

    func dequeue(_ id: RunID) -> Bool {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return false }
        waiting.remove(at: index)
        return true
    }

    var hasFreeSlot: Bool { active.count + reserved.count + parts.count < maxConcurrentRuns }

    func reserve(_ id: RunID) { reserved.insert(id) }

    /// Ends `id`'s reservation without a launch; control calls waiting on it go on.
    func release(_ id: RunID) {
        reserved.remove(id)
        reservationEnded(id)
    }

    /// Waits until nothing is launching or changing `id` here.
    func reservationCleared(_ id: RunID) async {
        guard reserved.contains(id) else { return }
        await withCheckedContinuation { reservationWaiters[id, default: []].append($0) }
    }

    /// A stop asked during the reservation was either honoured by it (the launch was called off) or is about to act
    /// on what it left (its caller waits in `reservationCleared`): either way it is spent.
    private func reservationEnded(_ id: RunID) {
        cancelledLaunches.remove(id)
        for waiter in reservationWaiters.removeValue(forKey: id) ?? [] { waiter.resume() }
    }

    func cancelLaunch(_ id: RunID) {
        if reserved.contains(id) { cancelledLaunches.insert(id) }
    }

    /// Claims `id`, reads it back and launches it when it is still `status`; false (the slot and the claim given back)
    /// when another process holds it or it moved on meanwhile. Read after the claim, so the engine never starts from a
    /// state another process changed before letting go.
    func claimAndLaunch(_ id: RunID, expecting status: RunStatus) async -> Bool {
        guard !isActive(id) else { return false }
        reserve(id)
        guard (try? await claims.claim(id)) == true else {
            release(id)
            cancelledLaunches.remove(id)
            return false
        }
        let run = try? await store.run(id)
        // Checked after the last await: a stop that came meanwhile has written `finished`, which the read may predate.
        // A run whose final state the store would not take is over, whatever the store still says.
        guard cancelledLaunches.remove(id) == nil, !shuttingDown, let run, run.status == status, unwritten[id] == nil else {
            release(id)
            await claims.release(id)
            return false
        }
        launch(run)
        return true
    }

    /// Runs `run` (pending, running or paused) on a new engine; its claim is held already.
    func launch(_ run: Run) {
        let id = run.id
        guard active[id] == nil else {
            // Never two engines for one run: the one running keeps it.
            logger.error("run \(id) was launched while it ran here already; the second launch is dropped")
            reserved.remove(id)
            reservationEnded(id)
            Task { [claims] in await claims.release(id) }
            return
        }
        reserved.remove(id)
        let engine = makeEngine(run)
        let observer = launchObserver
        let task = Task { [weak self] in
            await observer?(run)
            let final = await engine.run()
            await self?.ended(id, final)
            return final
        }
        active[id] = Active(engine: engine, task: task, tenantID: run.tenantID)
        reservationEnded(id)
    }

    func load(_ id: RunID, tenantID: String) async throws(RunControlError) -> Run {
        let run: Run?
        do { run = try await store.run(id) } catch { throw .store(error) }
        guard let run, run.tenantID == tenantID else { throw .notFound(id) }
        return run
    }

    /// The run as stored, across tenants.
    func storeRun(_ id: RunID) async throws(StoreError) -> Run? { try await store.run(id) }

    /// The store's claims, for control calls on runs executing elsewhere.
    var claimStore: any RunClaims { store }

    func save(_ run: Run) async throws(RunControlError) {
        do { try await store.updateRun(run) } catch { throw .store(error) }
    }

    private func ended(_ id: RunID, _ final: Run) async {
        active[id] = nil
        // A final state the store would not take keeps the claim until it is written: the store still says `running`,
        // and a process that claimed the run meanwhile would resume it, and then have `finished` written over it.
        // Shown before any await, so that no recovery sweep in between takes the run the store calls running for one
        // to resume.
        let unstored = final.error?.code == RunError.storeFailed
        if unstored { unwritten[id] = final } else { await claims.release(id) }
        await endObserver?(final)
        if unstored {
            keepWriting(final)
            await notifyFinished(final)
        } else if let run = try? await store.run(id), run.status == .finished {
            await notifyFinished(run)
        }
        await fillSlots()
    }

    /// Tells the observer that `run` finished.
    func notifyFinished(_ run: Run) async {
        await finishObserver?(run)
    }

    /// Starts queued runs while slots are free.
    private func fillSlots() async {
        while !shuttingDown, hasFreeSlot, let next = nextQueued() {
            // Stopped while it was being read, or taken by another process: that outcome stands.
            _ = await claimAndLaunch(next, expecting: .pending)
        }
    }

    /// Takes the run to start next off the queue: the oldest of the tenant with the fewest runs executing here. Slots
    /// are shared by tenants, not by arrival: a tenant that queues a hundred runs waits behind the others' first ones.
    private func nextQueued() -> RunID? {
        guard !waiting.isEmpty else { return nil }
        var executing: [String: Int] = [:]
        for entry in active.values { executing[entry.tenantID, default: 0] += 1 }
        for entry in parts.values { executing[entry.tenantID, default: 0] += 1 }
        var best = waiting.startIndex
        var fewest = Int.max
        for index in waiting.indices {
            let count = executing[waiting[index].tenantID, default: 0]
            if count < fewest {
                (best, fewest) = (index, count)
                if count == 0 { break }
            }
        }
        return waiting.remove(at: best).id
    }
}
