import ArgumentParser
import Foundation
import TrawlCore
import TrawlExport
import TrawlRuntime

extension ExportFormat: ExpressibleByArgument {}

/// `trawl export`: write what a run crawled as JSONL, WARC or Markdown.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a run's pages as JSONL, WARC 1.1 or Markdown files, or its chunks.")

    @Option(help: "The run to export.") var run: RunID
    @Option(help: "jsonl | warc | markdown | chunks.") var format: ExportFormat
    @Option(name: .shortAndLong, help: "Output file, or - for stdout (a folder for markdown). Default: stdout / ./export-RUN.")
    var output: String?
    @Flag(help: "Compress each WARC record with gzip (.warc.gz).") var gzip = false
    @Flag(help: "With --format chunks: include each chunk's model and embedding.") var embeddings = false
    @Flag(help: "With --format warc: write pages whose payload is an earlier run's as full responses, not revisits.")
    var full = false
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if format == .markdown && output == "-" { throw ValidationError("markdown writes a folder of files; give --output DIR") }
        if gzip && format != .warc { throw ValidationError("--gzip applies to --format warc only") }
        if embeddings && format != .chunks { throw ValidationError("--embeddings applies to --format chunks only") }
        if full && format != .warc { throw ValidationError("--full applies to --format warc only") }
    }

    func run() async throws {
        let runtime = try await store.runtime()
        guard try await runtime.store.run(run) != nil else { throw CLIError("no run \(run) in \(runtime.storeLocation)") }
        let exporter = runtime.exporter
        do {
            switch format {
            case .markdown:
                let directory = output ?? "export-\(run)"
                let count = try await exporter.exportMarkdown(run, toDirectory: directory)
                FileHandle.standardError.write(Data("wrote \(count) Markdown files to \(directory)\n".utf8))
            case .chunks:
                let sink = try (output == nil || output == "-") ? ByteSink.standardOutput() : ByteSink.file(output!)
                let count = try await runtime.chunkExporter.export(run, to: sink, vectors: embeddings)
                try sink.close()
                FileHandle.standardError.write(Data("exported \(count) chunks\n".utf8))
            case .jsonl, .warc:
                let sink = try (output == nil || output == "-") ? ByteSink.standardOutput() : ByteSink.file(output!)
                let count = format == .jsonl
                    ? try await exporter.exportJSONL(run, to: sink)
                    : try await exporter.exportWARC(run, to: sink, gzip: gzip, software: TrawlRuntime.software, full: full)
                try sink.close()
                FileHandle.standardError.write(Data("exported \(count) \(format == .jsonl ? "documents" : "records")\n".utf8))
            }
        } catch {
            throw CLIError(error.description)
        }
    }
}
