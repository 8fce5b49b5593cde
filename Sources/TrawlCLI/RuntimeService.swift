import ServiceLifecycle
import TrawlRuntime

/// A long-lived process's executing side (runs, pipelines, triggers, heartbeat) as one service of the process's
/// group. It is started before the group runs, so that HTTP never serves a runtime that has not recovered yet; it
/// is listed before the HTTP server, so a signal stops the server first (no request reaches a runtime that is
/// suspending) and then suspends what this process executes, to be resumed by the next one.
struct RuntimeService: Service {
    let service: TrawlService

    func run() async throws {
        // Returns at the signal, or throws when the group is cancelled (the server could not start): both end here.
        try? await gracefulShutdown()
        // Not in this task: when the group was cancelled, every store call made here would fail at once, and the
        // process would leave the worker list and its runs' claims to expire instead of handing them on.
        let service = service
        await Task { await service.shutdown() }.value
    }
}
