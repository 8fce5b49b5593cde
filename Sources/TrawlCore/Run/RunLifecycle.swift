import Foundation

/// The run state machine: every status change goes through `apply`, which either returns the new run
/// or says why the transition is impossible. Pure, so API, CLI and engine share one set of rules.
public enum RunLifecycle {
    /// Something that can happen to a run.
    public enum Event: Sendable, Equatable {
        case start
        case pause
        case resume
        /// Finished by the crawl itself or by request; the reason is recorded once.
        case finish(StopReason, RunError? = nil)
    }

    /// What applying an event did.
    public enum Outcome: Sendable, Equatable {
        /// The run changed.
        case changed(Run)
        /// The transition already held (pause a paused run): nothing to do.
        case unchanged
    }

    /// A transition the run's state does not allow.
    public struct InvalidTransition: Error, Sendable, Equatable, CustomStringConvertible {
        public var from: RunStatus
        public var event: String
        public var description: String { "cannot \(event) a run that is \(from.rawValue)" }
    }

    /// Applies `event` to `run` at `now`.
    public static func apply(_ event: Event, to run: Run, at now: Date) throws(InvalidTransition) -> Outcome {
        var next = run
        next.updatedAt = now
        switch (event, run.status) {
        case (.start, .pending):
            next.status = .running
            next.startedAt = now
        case (.start, .running):
            return .unchanged
        case (.pause, .running):
            next.status = .paused
            next.pausedAt = now
        case (.pause, .paused):
            return .unchanged
        case (.resume, .paused):
            next.status = .running
            next.pausedAt = nil
        case (.resume, .running):
            return .unchanged
        case (.finish, .finished):
            return .unchanged
        case (.finish(let reason, let error), _):
            next.status = .finished
            next.stopReason = reason
            next.error = error
            next.finishedAt = now
            // A pending run stopped before it started keeps `started_at` null: it never ran.
        default:
            throw InvalidTransition(from: run.status, event: event.name)
        }
        return .changed(next)
    }
}

extension RunLifecycle.Event {
    var name: String {
        switch self {
        case .start: "start"
        case .pause: "pause"
        case .resume: "resume"
        case .finish: "stop"
        }
    }
}
