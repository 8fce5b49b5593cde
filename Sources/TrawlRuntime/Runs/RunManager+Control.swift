import Foundation
import TrawlCore

extension RunManager {
    /// Pauses a running run and returns it paused; pausing a paused run changes nothing.
    public func pause(_ id: RunID, tenantID: String) async throws(RunControlError) -> Run {
        let run = try await load(id, tenantID: tenantID)
        try check(.pause, run)
        guard run.status == .running, let (engine, task) = engine(of: id) else { return run }
        engine.pause()
        return await task.value
    }

    /// Resumes a paused run on a free slot and returns it running; resuming a running run changes nothing.
    public func resume(_ id: RunID, tenantID: String) async throws(RunControlError) -> Run {
        let run = try await load(id, tenantID: tenantID)
        try check(.resume, run)
        guard run.status == .paused else { return run }
        // Checked again after the last await: a concurrent resume of the same run may have launched it meanwhile.
        guard !isActive(id) else { return try await load(id, tenantID: tenantID) }
        guard hasFreeSlot else { throw .atCapacity(maxConcurrentRuns) }
        guard case .changed(let resumed)? = try? RunLifecycle.apply(.resume, to: run, at: Date()) else { return run }
        // Reserve the slot before awaiting the write, so a second resume sees the run as active.
        reserve(id)
        do { try await save(resumed) } catch {
            release(id)
            throw error
        }
        launch(resumed)
        return resumed
    }

    /// Stops a pending, running or paused run with `manual`; stopping a finished run changes nothing.
    public func stop(_ id: RunID, tenantID: String) async throws(RunControlError) -> Run {
        let run = try await load(id, tenantID: tenantID)
        try check(.finish(.manual), run)
        if run.status == .running, let (engine, task) = engine(of: id) {
            engine.stop()
            return await task.value
        }
        _ = dequeue(id)
        // A pending run being taken off the queue right now must not start after this stop.
        cancelLaunch(id)
        guard case .changed(let stopped)? = try? RunLifecycle.apply(.finish(.manual), to: run, at: Date()) else {
            return run
        }
        try await save(stopped)
        await notifyFinished(stopped)
        return stopped
    }

    /// Throws when `event` is impossible for `run` (so callers get 409 before anything changes).
    private func check(_ event: RunLifecycle.Event, _ run: Run) throws(RunControlError) {
        do { _ = try RunLifecycle.apply(event, to: run, at: Date()) } catch { throw .invalidState(error) }
    }
}
