import ArgumentParser
import Foundation
import TrawlAPI
import TrawlCore
import TrawlRuntime

/// `trawl index`: takes a run's stored pages through the pipeline (extract, chunk, embed, index) to the end —
/// for runs crawled with `--no-index`, or whose indexing was interrupted.
struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index", abstract: "Finish extracting, chunking, embedding and indexing a run's pages.")

    @Option(help: "The run to index.") var run: RunID
    @Flag(help: "Print only the final run object as JSON on stdout.") var json = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let runtime = try await store.runtime()
        guard let stored = try await runtime.store.run(run) else { throw CLIError("no run \(run) in \(runtime.storeLocation)") }
        guard stored.status == .finished else {
            throw CLIError("run \(run) is \(stored.status.rawValue); index it once it has finished")
        }
        guard stored.config.pipeline.enabled else { throw CLIError("run \(run) has its pipeline turned off (pipelines: [])") }
        let pipelines = runtime.makePipelineManager()
        await pipelines.start(stored)
        _ = await pipelines.finished(run)
        let final = (try? await runtime.store.run(run)) ?? stored
        print(json ? RunResource(final).json() : Summary(final).text)
        if final.pipeline.error != nil { throw ExitCode(1) }
    }
}
