import ArgumentParser
import Foundation
import TrawlAPI
import TrawlCore
import TrawlRuntime

extension SearchMode: ExpressibleByArgument {}
extension SearchGrouping: ExpressibleByArgument {}

/// `trawl search`: ranked chunks from the store's full-text and vector indexes, without a server.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search what runs indexed: by text (BM25), meaning (embeddings) or both.")

    @Argument(help: "The words to search for.") var query: String
    @Option(help: "text | semantic | hybrid (reciprocal rank fusion of both).") var mode: SearchMode = .hybrid
    @Option(name: .customLong("run"), help: "Only this run (repeatable).") var runs: [RunID] = []
    @Option(name: .customLong("job"), help: "Only runs of this job (repeatable).") var jobs: [JobID] = []
    @Option(help: "The tenant whose runs to search.") var tenant = "default"
    @Option(help: "Results wanted (1-100).") var limit = 10
    @Option(help: "chunk (each result a chunk) | page (one result per page, its best chunks as passages).")
    var group: SearchGrouping = .chunk
    @Flag(help: "Print {\"results\": [...]} as JSON.") var json = false
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (1...100).contains(limit) else { throw ValidationError("--limit must be between 1 and 100") }
        guard !query.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("give the words to search for") }
    }

    func run() async throws {
        let runtime = try await store.runtime()
        let service = await runtime.makeService()
        do { try await service.pipelines.loadVectors() } catch { throw CLIError(error.description) }
        var search = SearchQuery(tenantID: tenant, text: query)
        search.runIDs = runs
        search.jobIDs = jobs
        search.limit = limit
        search.grouping = group
        let answer: SearchAnswer
        do { answer = try await service.search(search, mode: mode) } catch { throw CLIError(error.description) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(SearchResultsResource(mode: mode, grouping: group, answer: answer)), as: UTF8.self))
            return
        }
        for warning in answer.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        if answer.results.isEmpty { print("no results") }
        for (rank, result) in answer.results.enumerated() {
            let hit = result.hit
            let heading = hit.headingPath.isEmpty ? "" : " › " + hit.headingPath.joined(separator: " › ")
            print("\(rank + 1). \(hit.title ?? hit.url)\(heading)  [\(String(format: "%.4f", result.score))]")
            print("   \(hit.url)")
            print("   \(Self.plain(hit.snippet))")
            for passage in result.passages.dropFirst() {
                let path = passage.hit.headingPath.joined(separator: " › ")
                print("   · \(path.isEmpty ? "" : path + ": ")\(Self.plain(passage.hit.snippet))")
            }
            print("")
        }
    }

    /// The snippet for a terminal: marks become bold on a TTY and vanish when piped.
    static func plain(_ snippet: String) -> String {
        let tty = isatty(STDOUT_FILENO) == 1
        return snippet.replacingOccurrences(of: "<mark>", with: tty ? "\u{1B}[1m" : "")
            .replacingOccurrences(of: "</mark>", with: tty ? "\u{1B}[0m" : "")
            .replacingOccurrences(of: "\n", with: " ")
    }
}
