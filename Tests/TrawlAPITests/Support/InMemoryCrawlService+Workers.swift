import Foundation
import TrawlCore

extension InMemoryCrawlService {
    func workers(tenantID: String) async throws(ServiceError) -> [WorkerStatus] {
        workerStatuses.map { status in
            var status = status
            // As the store answers: only the reader's tenant's runs.
            status.worker.runs = status.worker.runs.filter { runs[$0]?.tenantID == tenantID }
            return status
        }
    }

    func setWorkers(_ statuses: [WorkerStatus]) { workerStatuses = statuses }
}
