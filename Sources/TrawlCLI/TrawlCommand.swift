import ArgumentParser
import Foundation
import TrawlEmbed

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

    static func main() async {
        runOnTheRightBLASKernel()
        await main(nil)
    }

    /// Starts this process again with `OPENBLAS_CORETYPE` set when OpenBLAS fell back to a kernel far below what the
    /// CPU can do (`BLASKernel`): the variable is read when the library loads, before any of our code runs. Nothing
    /// happens when the variable is set already (by the operator, or by the first start), or when the new start fails
    /// (the process goes on, slower).
    static func runOnTheRightBLASKernel() {
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
              let kernel = BLASKernel.better(than: BLASKernel.current, cpuFlags: BLASKernel.cpuFlags()) else { return }
        setenv("OPENBLAS_CORETYPE", kernel, 1)
        let arguments = CommandLine.arguments
        let argv = arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", argv)
        // Only reached when execv failed: carry on with the kernel OpenBLAS chose.
        argv.forEach { free($0) }
    }
}
