import Foundation
import TrawlCore

extension RunManager {
    /// Pauses a running run and returns it paused; pausing a paused run changes nothing. A run executing in another
    /// process is asked through the store and answered once that process has paused it.
    public func pause(_ id: RunID, tenantID: String) async throws(RunControlError) -> Run {
        let run = try await load(id, tenantID: tenantID)
        try check(.pause, run)
        guard run.status == .running else { return run }
        if let (engine, task) = engine(of: id) {
            engine.pause()
            let ended = await task.value
            // An engine already ending otherwise (a shutdown, or a lost claim: it stays `running` for another process)
            // did not pause: the pause goes to whichever process has the run now, as a stop does.
            guard ended.status == .running else { return ended }
            return try await elsewhere(.pause, ended, tenantID: tenantID)
        }
        return try await elsewhere(.pause, run, tenantID: tenantID)
    }

    /// Resumes a paused run on a free slot here and returns it running; resuming a running run changes nothing.
    public func resume(_ id: RunID, tenantID: String) async throws(RunControlError) -> Run {
        let run = try await load(id, tenantID: tenantID)
        try check(.resume, run)
        guard run.status == .paused else { return run }
        // Checked again after the last await: a concurrent resume of the same run may have launched it meanwhile.
        guard !isActive(id) else { return try await load(id, tenantID: tenantID) }
        guard executes else { return try await resumeForWorkers(run, tenantID: tenantID) }
        // A process shutting down launches nothing: an engine started now would never be suspended.
        guard hasFreeSlot, !shuttingDown else { throw .atCapacity(maxConcurrentRuns) }
        // Reserve the slot and take the claim before writing, so a second resume (here or in another process) sees
        // the run as taken.
        reserve(id)
        guard (try? await claims.claim(id)) == true else {
            // Another process holds the run (its pipeline goes on while the crawl is paused): it resumes it there.
            release(id)
            return try await elsewhere(.resume, run, tenantID: tenantID)
        }
        let current = try? await storeRun(id)
        // A stop that came meanwhile is waiting for this reservation: the run stays as it is for the stop to end.
        guard cancelledLaunches.remove(id) == nil, let current, current.status == .paused,
              case .changed(let resumed)? = try? RunLifecycle.apply(.resume, to: current, at: Date()) else {
            release(id)
            await claims.release(id)
            return current ?? run
        }
        do { try await save(resumed) } catch {
            release(id)
            await claims.release(id)
            throw error
        }
        launch(resumed)
        return resumed
    }

    /// Resumes a paused run on an API node, which executes nothing: the run is written `running` with no claim, which
    /// is what a worker's sweep picks up (as it picks up the runs of a process that died) and resumes from its stored
    /// frontier. When a worker holds the run (its pipeline goes on while the crawl is paused), that worker is asked.
    private func resumeForWorkers(_ run: Run, tenantID: String) async throws(RunControlError) -> Run {
        guard (try? await claims.claim(run.id)) == true else { return try await elsewhere(.resume, run, tenantID: tenantID) }
        reserve(run.id)
        let settled: Result<Run, RunControlError>
        do throws(RunControlError) {
            settled = .success(try await settle(.resume, try await load(run.id, tenantID: tenantID)))
        } catch {
            settled = .failure(error)
        }
        release(run.id)
        await claims.release(run.id)
        return try settled.get()
    }

    /// Stops a pending, running or paused run with `manual`; stopping a finished run changes nothing.
    public func stop(_ id: RunID, tenantID: String) async throws(RunControlError) -> Run {
        let run = try await load(id, tenantID: tenantID)
        try check(.finish(.manual), run)
        // Decided after the read, on what runs here now: a run read `pending` may have launched during the read, and a
        // `finished` written over that stale copy would be overwritten by its engine, which would crawl on.
        while true {
            if let (engine, task) = engine(of: id) {
                engine.stop()
                let ended = await task.value
                // An engine already ending otherwise (a pause or a shutdown came first) ends as that says; the stop
                // then goes on to the run it left.
                if ended.status == .finished { return ended }
                continue
            }
            guard isActive(id) else { break }
            // Being launched, resumed or changed here: a launch not yet under way is called off, and the stop acts on
            // what the reservation leaves (an engine, or the run as stored).
            cancelLaunch(id)
            await reservationCleared(id)
        }
        _ = dequeue(id)
        guard run.status != .finished else { return run }
        return try await elsewhere(.stop, run, tenantID: tenantID)
    }

    /// `request` for a run this process does not execute. When another live process holds its claim, the request is
    /// left for it and the answer waits until the store shows it done (that process acts within a beat). When none
    /// does (pending, paused, or left by a dead process), this process takes the claim and applies the change itself,
    /// so no other process starts the run meanwhile.
    private func elsewhere(_ request: RunControlRequest, _ run: Run, tenantID: String) async throws(RunControlError) -> Run {
        let event: RunLifecycle.Event = switch request {
        case .pause: .pause
        case .stop: .finish(.manual)
        case .resume: .resume
        }
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if request != .resume, let (engine, task) = engine(of: run.id) {
                // Launched here meanwhile (a sweep picked the run up): its engine takes the request.
                if request == .stop { engine.stop() } else { engine.pause() }
                return await task.value
            }
            if request != .resume, isActive(run.id) {
                // Being launched or changed here: acted on once that is done.
                await reservationCleared(run.id)
                continue
            }
            if request != .resume {
                // Reserved before the claim is awaited and while the run is changed here: this process's own sweep
                // must not launch it meanwhile (claims are shared within the process, so the claim alone cannot stop
                // it), and the change is made to the run as read under the reservation.
                reserve(run.id)
                if (try? await claims.claim(run.id)) == true {
                    let settled: Result<Run, RunControlError>
                    do throws(RunControlError) {
                        settled = .success(try await settle(event, try await load(run.id, tenantID: tenantID)))
                    } catch {
                        settled = .failure(error)
                    }
                    release(run.id)
                    await claims.release(run.id)
                    return try settled.get()
                }
                release(run.id)
            }
            let asked: Bool
            do { asked = try await claimStore.requestControl(request, of: run.id, now: Date()) } catch { throw .store(error) }
            guard asked else {
                // The holder let go meanwhile: take the claim on the next turn (a resume goes the local way again).
                if request == .resume { return try await resume(run.id, tenantID: tenantID) }
                continue
            }
            // Wait for the holder to act; after a second, try the claim again in case it died with the request.
            for _ in 0..<20 {
                try? await Task.sleep(for: .milliseconds(50))
                let current = try await load(run.id, tenantID: tenantID)
                switch request {
                case .pause where current.status == .paused, .resume where current.status == .running:
                    return current
                default:
                    if current.status == .finished { return current }
                }
            }
        }
        throw .store(StoreError(.io, "run \(run.id) did not answer the \(request.rawValue) request in 30 seconds"))
    }

    /// Applies `event` to `run` as stored (this process holds its claim or nobody executes it) and saves it.
    private func settle(_ event: RunLifecycle.Event, _ run: Run) async throws(RunControlError) -> Run {
        guard case .changed(let changed)? = try? RunLifecycle.apply(event, to: run, at: Date()) else { return run }
        try await save(changed)
        if changed.status == .finished { await notifyFinished(changed) }
        return changed
    }

    /// Throws when `event` is impossible for `run` (so callers get 409 before anything changes).
    private func check(_ event: RunLifecycle.Event, _ run: Run) throws(RunControlError) {
        do { _ = try RunLifecycle.apply(event, to: run, at: Date()) } catch { throw .invalidState(error) }
    }
}
