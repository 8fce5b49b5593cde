import Foundation
import Synchronization
import TrawlCore

/// Shows a run's progress on stderr: a live status line on a terminal, a log line every few seconds when piped.
final class ProgressReporter: Sendable {
    private struct State {
        var lastPrint: ContinuousClock.Instant?
        var lastFetched = 0
        var lastRateAt: ContinuousClock.Instant?
        var rate = 0.0
        var wroteLine = false
    }

    private let interactive: Bool
    private let interval: Duration
    private let started = ContinuousClock.now
    private let state = Mutex(State())

    init(interactive: Bool) {
        self.interactive = interactive
        interval = interactive ? .milliseconds(250) : .seconds(5)
    }

    func update(_ run: Run) {
        let now = ContinuousClock.now
        let line: String? = state.withLock { state in
            if let last = state.lastPrint, now - last < interval { return nil }
            if let rateAt = state.lastRateAt {
                let seconds = (now - rateAt).seconds
                if seconds > 0 { state.rate = Double(run.progress.fetched - state.lastFetched) / seconds }
            }
            state.lastFetched = run.progress.fetched
            state.lastRateAt = now
            state.lastPrint = now
            state.wroteLine = interactive
            return Self.status(run.progress, rate: state.rate, elapsed: now - started)
        }
        guard let line else { return }
        let text = interactive ? "\r\u{1B}[2K" + line : Timestamp.format(Date()) + " " + line + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    func finish(_ run: Run) {
        let wrote = state.withLock { $0.wroteLine }
        if wrote { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }

    static func status(_ progress: RunProgress, rate: Double, elapsed: Duration) -> String {
        "fetched \(progress.fetched) (\(Int(rate.rounded()))/s) · queued \(progress.queued) · in flight \(progress.inFlight)"
            + " · failed \(progress.failed) · excluded \(progress.excluded) · depth \(progress.depthReached)"
            + " · \(Summary.clock(elapsed))"
    }
}

