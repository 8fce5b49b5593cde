import TrawlCore

/// How the trigger scheduler starts the run a firing asks for. The server's is `RunStarter`, through the same
/// admission as clients; a test gives the scheduler one that starts nothing, to watch the loop alone.
public protocol ScheduledRunStarting: Sendable {
    /// Starts run `runID` of the job, or reports the run a crashed earlier firing already started under that id.
    func startScheduled(jobID: JobID, tenantID: String, runID: RunID) async throws(StoreError) -> ScheduledStart
}
