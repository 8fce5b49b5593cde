import Foundation
import TrawlCore

/// Final states the store would not take (a full disk, an outage): held here and shown as they are, written again
/// until the store takes them, and only while this process still holds the run's claim.
extension RunManager {
    /// Writes `run` until the store takes it (space comes back), then forgets the overlay.
    func keepWriting(_ run: Run) {
        let interval = rewriteInterval
        Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                // Given up (the claim was lost) or the manager is gone: whoever holds the run now says what it is.
                guard let self, await self.isUnwritten(run.id) else { return }
                if await self.writeUnwritten(run) { return }
            }
        }
    }

    /// Tries once to write `run`'s unwritten final state, on the condition that this process still holds its claim
    /// (another that resumed the run meanwhile must not have it ended under it); true when that is settled either way.
    func writeUnwritten(_ run: Run) async -> Bool {
        let written: Bool
        do throws(StoreError) {
            written = try await store.writeFinalState(run, claimedBy: claims.executor)
        } catch where error.kind == .notFound {
            written = true  // deleted meanwhile: nothing left to tell
        } catch {
            return false
        }
        guard unwritten.removeValue(forKey: run.id) != nil else { return true }
        await claims.release(run.id)
        if written {
            logger.notice("the final state of run \(run.id) is stored now")
        } else {
            await claimTaken(run)
        }
        return true
    }

    /// Another process took the run whose final state this one could not write, and resumed it: if that state was an
    /// end (a client may have been told `finished`), that process is asked to stop the run rather than crawl on.
    func claimTaken(_ run: Run) async {
        logger.warning("gave up writing the final state of run \(run.id): another process holds it now")
        guard run.status == .finished else { return }
        if (try? await store.requestControl(.stop, of: run.id, now: Date())) != true {
            logger.warning("could not ask the process holding run \(run.id) to stop it")
        }
    }

    private func isUnwritten(_ id: RunID) -> Bool { unwritten[id] != nil }
}
