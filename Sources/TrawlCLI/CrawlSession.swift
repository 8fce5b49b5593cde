import Dispatch
import Foundation
import TrawlAPI
import TrawlCore
import TrawlRuntime

/// Runs one engine in the foreground: live progress on stderr, Ctrl-C for a graceful manual stop
/// (a second Ctrl-C exits at once), and the final run on stdout as JSON or as a summary.
struct CrawlSession {
    let runtime: TrawlRuntime
    let json: Bool
    /// Runs the document pipeline beside the crawl and waits for it (the run's `pipelines` config decides what it does).
    var index = true

    func execute(_ run: Run) async throws {
        // The store may be shared with servers: claimed, the run is not picked up by one of them as abandoned.
        guard try await runtime.claims.claim(run.id) else {
            throw CLIError("run \(run.id) is being executed by another process")
        }
        do { try await executeClaimed(run) } catch {
            await runtime.claims.release(run.id)
            throw error
        }
        await runtime.claims.release(run.id)
    }

    private func executeClaimed(_ run: Run) async throws {
        let engine = runtime.engine(for: run)
        // A server on the same store may be asked to pause or stop this run: the request reaches it through the
        // claim, and so does the loss of the claim (this process missed its lease and another took the run).
        await runtime.claims.observe(requests: { _, request in
            switch request {
            case .pause: engine.pause()
            case .stop: engine.stop()
            case .resume: break
            }
        }, losses: { _ in engine.suspend() })
        let pipelines = runtime.makePipelineManager()
        if index { await pipelines.start(run) }
        let reporter = ProgressReporter(interactive: isatty(STDERR_FILENO) == 1)
        let interrupts = Self.trapInterrupts {
            engine.stop()
            Task { await pipelines.shutdown() }
        }
        defer { interrupts.cancel() }
        if !json { FileHandle.standardError.write(Data("crawling as run \(run.id) → \(runtime.storeLocation)\n".utf8)) }
        var final = await engine.run { reporter.update($0) }
        reporter.finish(final)
        // The pipeline waits for the store to say the crawl is over; if the store could not be told (a full
        // disk), it hears it from here.
        await pipelines.crawlEnded(final)
        if index, final.config.pipeline.enabled {
            if !json { FileHandle.standardError.write(Data("indexing (extract, chunk, embed); Ctrl-C to leave the rest for `trawl index`…\n".utf8)) }
            let store = runtime.store
            let watcher = Task {
                // A line every few seconds: embedding a large run takes minutes, and silence looks like a hang.
                while !Task.isCancelled {
                    try await Task.sleep(for: .seconds(5))
                    guard let pipeline = try await store.run(run.id)?.pipeline else { continue }
                    FileHandle.standardError.write(Data(("indexing: \(pipeline.documents.indexed) documents indexed · "
                        + "\(pipeline.chunks.embedded)/\(pipeline.chunks.created) chunks embedded\n").utf8))
                }
            }
            _ = await pipelines.finished(run.id)
            watcher.cancel()
            if final.error?.code != RunError.storeFailed { final = (try? await runtime.store.run(run.id)) ?? final }
        }
        if json {
            print(RunResource(final).json())
        } else {
            print(Summary(final).text)
        }
        if final.stopReason == .unknown { throw CLIError(final.error?.message ?? "the run stopped for an unknown reason") }
    }

    /// SIGINT stops the run through `stop`; a second SIGINT exits immediately with 130.
    private static func trapInterrupts(_ stop: @escaping @Sendable () -> Void) -> any DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let count = Counter()
        source.setEventHandler {
            if count.increment() > 1 { exit(130) }
            FileHandle.standardError.write(Data("\nstopping (Ctrl-C again to quit at once)…\n".utf8))
            stop()
        }
        source.resume()
        return source
    }
}

/// A thread-safe counter for the signal handler.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func increment() -> Int { lock.withLock { value += 1; return value } }
}
