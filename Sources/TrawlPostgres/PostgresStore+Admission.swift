import Foundation
import PostgresNIO
import TrawlCore

extension PostgresStore {
    public func admitRun(_ run: Run, newJob: Job?, under rules: [ExclusiveRule], jobLimit: Int?) async throws(StoreError)
        -> AdmissionRefusal? {
        let insertRun = try Self.insertion(of: run)
        let insertJob = try newJob.map { job throws(StoreError) in try Self.insertion(of: job) }
        let counts = try rules.map { rule throws(StoreError) in (rule, try Self.activeRuns(grouped: rule.by, with: run)) }
        // Named after what is new: a taken ID is reported as the job's when the job is created too.
        let what = newJob.map { "create job \($0.id)" } ?? "create run \(run.id)"
        return try await transaction(what) { connection in
            // Every starting rule groups runs within one tenant: admissions of a tenant take turns on this lock, across
            // every process on the database, so two servers cannot both slip a run under a limit.
            try await Self.execute("SELECT pg_advisory_xact_lock(hashtextextended(\("trawl-admission:" + run.tenantID), 0))",
                                   on: connection, logger: self.logger)
            for (rule, query) in counts {
                let active = try await Self.rows(of: query, on: connection, logger: self.logger)
                    .map { row in RunID(try row.value("id", as: UUID.self)) }
                if active.count >= rule.limit { return .exclusive(ExclusiveRefusal(rule: rule, activeRunIDs: active)) }
            }
            if let insertJob, let newJob {
                // Always after the admission lock, as `insertJob` takes only this one: the order never inverts.
                if let jobLimit, try await Self.holds(.jobs, tenant: newJob.tenantID, atLeast: jobLimit, on: connection,
                                                      logger: self.logger) {
                    return .jobLimit(jobLimit)
                }
                try await Self.execute(insertJob, on: connection, logger: self.logger)
            }
            try await Self.execute(insertRun, on: connection, logger: self.logger)
            return nil
        }
    }

    /// IDs of the active runs in `run`'s group, oldest first (IDs only: the refusal names them).
    private static func activeRuns(grouped by: ExclusiveRule.Grouping, with run: Run) throws(StoreError) -> PostgresQuery {
        var filter = PostgresListFilter()
        filter.equals("tenant_id", run.tenantID)
        filter.anyOf("status", [RunStatus.pending, .running, .paused].map(\.rawValue))
        switch by {
        case .tenant:
            break
        case .job:
            filter.equals("job_id", run.jobID.uuid)
        case .labels(let keys):
            let names = keys.isEmpty ? Array(run.labels.keys) : keys
            // A key the new run lacks groups it with the runs that lack it too.
            try filter.labelValues(names.map { ($0, run.labels[$0]) })
        }
        return PostgresQuery(unsafeSQL: "SELECT id FROM runs WHERE \(filter.condition) ORDER BY created_at LIMIT 10000",
                             binds: filter.binds)
    }
}
