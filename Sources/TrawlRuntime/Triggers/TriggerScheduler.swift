import Foundation
import Logging
import TrawlCore

/// Fires triggers while the server runs: sleeps until the earliest due time in the store, fires what is due,
/// and sleeps again. Due times live in the store, so nothing is lost across restarts: a schedule whose ticks
/// passed while the server was down is due at start-up and fires once, for the latest missed tick.
///
/// Every change that can move the earliest due time (a trigger created, enabled, or an `on_finish` trigger
/// armed by a finished run) wakes the loop, so it never sleeps past a due time.
///
/// A store that refuses reads or writes makes the loop back off (doubling from `retryFloor` up to `maximumSleep`)
/// rather than retry a due trigger it could not record at once, which would spin for as long as the outage lasts.
public actor TriggerScheduler {
    private let store: any TriggerFiringStore
    private let starter: any ScheduledRunStarting
    private let logger: Logger
    /// Longest sleep: a safety net for clock jumps and for due times changed behind the scheduler's back.
    private let maximumSleep: Duration = .seconds(60)
    /// The first pause after a round the store failed.
    private let retryFloor: Duration
    /// The pause before the next round, while rounds keep failing; nil after a round that went through.
    private var backoff: Duration?
    private var loop: Task<Void, Never>?
    private var sleeper: Task<Void, Never>?
    /// Bumped by every `wake()`: a wake-up that arrives while the loop reads the next due time is not lost.
    private var wakeups = 0

    /// A scheduler firing the triggers `store` holds through `starter`; after a failed round it waits `retryFloor`,
    /// then twice as long each time, up to a minute.
    public init(store: any TriggerFiringStore, starter: any ScheduledRunStarting, logger: Logger,
                retryFloor: Duration = .seconds(1)) {
        self.store = store
        self.starter = starter
        self.logger = logger
        self.retryFloor = retryFloor
    }

    /// Starts the loop; triggers due now (missed during downtime) fire at once.
    public func start() {
        guard loop == nil else { return }
        loop = Task { await self.run() }
    }

    /// Stops the loop and waits for a firing in progress to be recorded.
    public func stop() async {
        loop?.cancel()
        sleeper?.cancel()
        await loop?.value
        loop = nil
    }

    /// Re-reads the earliest due time now rather than at the end of the current sleep.
    public func wake() {
        wakeups += 1
        sleeper?.cancel()
    }

    /// Arms the `on_finish` triggers watching `run`'s job. A run stopped by hand arms nothing: stopping is how a
    /// user breaks a chain of runs, and must not start the next one.
    public func runFinished(_ run: Run) async {
        guard run.stopReason != .manual, let finishedAt = run.finishedAt else { return }
        var query = TriggerQuery(tenantID: run.tenantID)
        query.kinds = [.onFinish]
        query.watchedJobIDs = [run.jobID]
        query.enabled = true
        query.limit = 10_000
        do {
            for trigger in try await store.triggers(matching: query) {
                guard case .onFinish(let delay, _) = trigger.condition else { continue }
                // A trigger already due earlier keeps its time: several finishes before it fires start one run.
                try await store.arm(trigger.id, dueAt: finishedAt.addingTimeInterval(delay.seconds))
            }
        } catch {
            logger.error("could not arm on_finish triggers", metadata: ["run": "\(run.id)", "error": "\(error)"])
        }
        wake()
    }

    // MARK: - The loop

    private func run() async {
        while !Task.isCancelled {
            let seen = wakeups
            var pause = maximumSleep
            if await fireDue() {
                backoff = nil
                let now = Date()
                do {
                    if let next = try await store.nextDueTime() {
                        pause = min(pause, .seconds(max(0, next.timeIntervalSince(now))))
                    }
                } catch {
                    pause = failedRound()
                }
            } else {
                pause = failedRound()
            }
            guard !Task.isCancelled else { return }
            if wakeups != seen { continue }  // something changed while the due time was read: read it again
            let sleeper = Task { _ = try? await Task.sleep(for: pause) }
            self.sleeper = sleeper
            await sleeper.value
        }
    }

    /// The pause after a round the store failed, doubling from the last one.
    private func failedRound() -> Duration {
        let pause = backoff.map { min($0 * 2, maximumSleep) } ?? retryFloor
        backoff = pause
        return pause
    }

    /// Fires every trigger due now, each once; false when the store failed to give them or to record a firing.
    @discardableResult
    func fireDue() async -> Bool {
        let due: [Trigger]
        do { due = try await store.dueTriggers(at: Date()) } catch {
            logger.error("could not read due triggers", metadata: ["error": "\(error)"])
            return false
        }
        var recordedAll = true
        for trigger in due where !Task.isCancelled {
            if await !fire(trigger) { recordedAll = false }
        }
        return recordedAll
    }

    /// Fires `trigger` and records the execution; false when the record could not be written (the trigger stays due,
    /// and its next firing finds the run this one started, by its id).
    private func fire(_ trigger: Trigger) async -> Bool {
        let now = Timestamp.now()
        var fired = trigger
        fired.lastFiredAt = now
        let scheduledFor: Date
        switch trigger.condition {
        case .schedule(_, let cron):
            // Ticks missed while the server was down collapse into the latest one.
            scheduledFor = cron.previous(atOrBefore: now) ?? trigger.nextFireAt ?? now
            fired.nextFireAt = cron.next(after: now)
        case .onFinish:
            scheduledFor = trigger.nextFireAt ?? now
            fired.nextFireAt = nil
        }
        var execution = TriggerExecution(triggerID: trigger.id, tenantID: trigger.tenantID, jobID: trigger.jobID,
                                          status: .failed, runID: nil, reason: nil, scheduledFor: scheduledFor,
                                          createdAt: now)
        do {
            let runID = TriggerExecution.runID(for: trigger.id, scheduledFor: scheduledFor)
            switch try await starter.startScheduled(jobID: trigger.jobID, tenantID: trigger.tenantID, runID: runID) {
            case .started(let id):
                execution.status = .started
                execution.runID = id
            case .refused(let refusal):
                execution.status = .skipped
                execution.reason = refusal.description
            case .overQuota(let reason):
                execution.status = .skipped
                execution.reason = reason
            case .jobGone:
                execution.reason = "job \(trigger.jobID) no longer exists"
            }
        } catch {
            // The store's own words (a database message, a path) are the operator's to read, not the tenant's.
            logger.error("a trigger could not start its run", metadata: ["trigger": "\(trigger.id)", "error": "\(error)"])
            execution.reason = "the run could not be created: the store failed (see the server log)"
        }
        do {
            try await store.record(execution, firing: fired)
        } catch {
            logger.error("could not record a trigger execution", metadata: ["trigger": "\(trigger.id)", "error": "\(error)"])
            return false
        }
        logger.info("trigger fired", metadata: [
            "trigger": "\(trigger.id)", "status": "\(execution.status.rawValue)",
            "run": "\(execution.runID?.description ?? "-")",
        ])
        return true
    }
}
