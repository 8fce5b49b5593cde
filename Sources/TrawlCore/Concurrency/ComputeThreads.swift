import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A few dedicated OS threads for CPU-bound work on bytes from the web: parsing pages, extracting their content.
///
/// Swift's cooperative pool has one thread per core, two on a small machine, and the HTTP server, the crawl
/// scheduler and signal handling all run on it. A parse holding one of those threads for a second holds the whole
/// server with it. Here a parse holds only its own thread, which also runs at a lower scheduling priority, so the
/// API and the crawl loop get a core first whenever both want one.
public final class ComputeThreads: @unchecked Sendable {
    /// The process's pool: one thread per core.
    public static let shared = ComputeThreads(count: max(2, ProcessInfo.processInfo.activeProcessorCount))

    // Jobs waiting for a thread, guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var head = 0

    /// Starts `count` threads that live as long as the process.
    init(count: Int, niceness: Int32 = 5) {
        for index in 0..<count {
            let thread = Thread { [self] in
                Self.lowerPriority(by: niceness)
                work()
            }
            thread.name = "trawl-compute-\(index)"
            // libxml2's recursion and the extraction walks stay far below this; the default is a few hundred KB
            // on some platforms.
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Runs `body` on one of the threads and returns its result.
    public func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            enqueue { continuation.resume(returning: body()) }
        }
    }

    private func enqueue(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while head == jobs.count { condition.wait() }
            let job = jobs[head]
            head += 1
            // Compact now and then so the array does not grow with every job ever run.
            if head > 1_024, head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job()
        }
    }

    /// On Linux the nice value belongs to a thread, and `who == 0` names the calling one.
    private static func lowerPriority(by niceness: Int32) {
        #if canImport(Glibc)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
        #endif
    }
}
