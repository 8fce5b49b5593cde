import Foundation
import Testing
import TrawlEmbed

/// `trawl embed` with the real model runs its matrix products on the best OpenBLAS kernel the CPU has, also where
/// OpenBLAS itself does not recognise the CPU (the process starts itself again with `OPENBLAS_CORETYPE`).
@Suite struct MiniLMCLITests {
    @Test func embeddingRunsOnTheBestKernelTheCPUHas() async throws {
        let result = try await TrawlBinary.run(["embed", "--model", "minilm", "--threads", "1"],
                                               input: #"{"text": "a harbour master keeps the log"}"# + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"embedding\""))
        let line = try #require(result.stderr.split(separator: "\n").first { $0.contains("OpenBLAS kernel") })
        let kernel = String(try #require(line.split(separator: " ").last))
        // The kernel named is one OpenBLAS chose for this CPU, or the better one forced for it: never a fallback
        // below what the CPU can do.
        #expect(BLASKernel.better(than: kernel, cpuFlags: BLASKernel.cpuFlags()) == nil, "\(line)")
    }
}
