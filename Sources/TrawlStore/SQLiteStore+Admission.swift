import Foundation
import GRDB
import TrawlCore

extension SQLiteStore {
    public func admitRun(_ run: Run, newJob: Job?, under rules: [ExclusiveRule], jobLimit: Int?) async throws(StoreError)
        -> AdmissionRefusal? {
        let columns = try encode { try Self.columns(of: run) }
        let jobColumns = try newJob.map { job throws(StoreError) in try encode { try Self.columns(of: job) } }
        // Named after what is new: a taken ID is reported as the job's when the job is created too.
        let what = newJob.map { "create job \($0.id)" } ?? "create run \(run.id)"
        return try await write(what) { db in
            // The writer is serial: nothing can start between the count and the insert.
            for rule in rules {
                let active = try Self.activeRuns(grouped: rule.by, with: run, in: db)
                if active.count >= rule.limit { return .exclusive(ExclusiveRefusal(rule: rule, activeRunIDs: active)) }
            }
            if let jobColumns, let newJob {
                if let jobLimit, try Self.holds(.jobs, tenant: newJob.tenantID, atLeast: jobLimit, in: db) {
                    return .jobLimit(jobLimit)
                }
                try Self.insert(jobColumns: jobColumns, in: db)
            }
            try Self.insert(columns: columns, in: db)
            return nil
        }
    }

    /// IDs of the active runs in `run`'s group, oldest first.
    private static func activeRuns(grouped by: ExclusiveRule.Grouping, with run: Run, in db: Database) throws -> [RunID] {
        var filter = ListFilter()
        filter.equals("tenant_id", run.tenantID)
        filter.anyOf("status", [RunStatus.pending, .running, .paused].map(\.rawValue))
        switch by {
        case .tenant:
            break
        case .job:
            filter.equals("job_id", run.jobID.description)
        case .labels(let keys):
            let names = keys.isEmpty ? Array(run.labels.keys) : keys
            // A key the new run lacks groups it with the runs that lack it too.
            filter.labelValues(names.map { ($0, run.labels[$0]) }, of: "runs")
        }
        // IDs only: the refusal names them, and whole rows (configs, progress) would be read for nothing.
        let (condition, arguments) = filter.condition
        return try String.fetchAll(db, sql: "SELECT id FROM runs WHERE \(condition) ORDER BY created_at LIMIT 10000",
                                   arguments: StatementArguments(arguments)).compactMap(RunID.init)
    }
}
