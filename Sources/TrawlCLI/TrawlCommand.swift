import ArgumentParser

/// `trawl`: crawl websites, keep what was fetched in an embedded store, index it for search, and export it.
@main
struct TrawlCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trawl",
        abstract: "A fast, polite web crawler with an embedded store.",
        version: "0.1.0",
        subcommands: [CrawlCommand.self, RunCommand.self, RunsCommand.self, ExportCommand.self, IndexCommand.self, EmbedCommand.self,
                      SearchCommand.self, ServeCommand.self, WorkerCommand.self, WorkersCommand.self,
                      StoreCommand.self])
}
