import ArgumentParser
import Foundation
import TrawlCore
import TrawlRuntime

/// `trawl run MANIFEST`: run one crawl from a manifest file, in-process, no server; or resume a run.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a crawl from a manifest (YAML or JSON), or resume a stopped or crashed run.")

    @Argument(help: "The manifest file (.yaml, .yml or .json).") var manifest: String?
    @Option(help: "Resume this run from its persisted frontier instead of starting a new one.") var resume: RunID?
    @Option(help: "Start a new run of this stored job: a re-crawl that asks only about what changed since its last run.")
    var job: JobID?
    @Flag(help: "Print only the final run object as JSON on stdout.") var json = false
    @Flag(help: "Store pages only: skip extraction, chunking, embedding and indexing (`trawl index` can do it later).")
    var noIndex = false
    @OptionGroup var store: StoreOptions

    func validate() throws {
        let given = [manifest != nil, resume != nil, job != nil].filter { $0 }.count
        if given != 1 { throw ValidationError("give one of: a manifest file, --resume RUN_ID or --job JOB_ID") }
    }

    func run() async throws {
        if let resume {
            let runtime = try await store.runtime()
            guard let run = try await runtime.store.run(resume) else { throw CLIError("no run \(resume) in \(runtime.storeLocation)") }
            guard run.status != .finished else {
                throw CLIError("run \(resume) already finished (\(run.stopReason?.rawValue ?? "unknown")); start a new one")
            }
            try await CrawlSession(runtime: runtime, json: json, index: !noIndex).execute(run)
            return
        }
        if let job {
            let runtime = try await store.runtime()
            switch try await runtime.createRun(of: job) {
            case .noSuchJob: throw CLIError("no job \(job) in \(runtime.storeLocation)")
            case .refused(let refusal): throw CLIError("the job's starting criteria refuse a new run: \(refusal)")
            case .created(let run): try await CrawlSession(runtime: runtime, json: json, index: !noIndex).execute(run)
            }
            return
        }
        let loaded: Manifest
        do {
            loaded = try ManifestLoader.load(path: manifest!)
        } catch {
            throw CLIError(error.description)
        }
        let runtime = try await store.runtime()
        let (_, run) = try await runtime.createJobAndRun(loaded)
        try await CrawlSession(runtime: runtime, json: json, index: !noIndex).execute(run)
    }
}
