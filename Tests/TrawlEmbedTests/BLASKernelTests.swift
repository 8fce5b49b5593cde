import Foundation
import Testing
@testable import TrawlEmbed

/// The kernel forced when OpenBLAS does not recognise the CPU, and only then.
@Suite struct BLASKernelTests {
    static let avx512: Set<String> = ["sse3", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]

    @Test func aFallbackKernelIsReplacedByTheBestTheCPUHas() {
        #expect(BLASKernel.better(than: "Prescott", cpuFlags: Self.avx512) == "SkylakeX")
        #expect(BLASKernel.better(than: "Core2", cpuFlags: ["avx", "avx2", "fma"]) == "Haswell")
        #expect(BLASKernel.better(than: "Nehalem", cpuFlags: ["avx"]) == "SandyBridge")
        #expect(BLASKernel.better(than: "Prescott", cpuFlags: ["sse3"]) == nil)
        #expect(BLASKernel.better(than: "Prescott", cpuFlags: []) == nil)
    }

    @Test func aRecognisedCPUKeepsOpenBLASsChoice() {
        for chosen in ["SkylakeX", "Haswell", "Zen", "CooperLake", "SapphireRapids"] {
            #expect(BLASKernel.better(than: chosen, cpuFlags: Self.avx512) == nil)
        }
    }

    @Test func flagsAreReadFromCpuinfo() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cpuinfo-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Processor\nflags\t\t: fpu sse3 avx2 fma avx512f\n\nprocessor\t: 1\nflags\t: fpu\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(BLASKernel.cpuFlags(cpuinfo: path) == ["fpu", "sse3", "avx2", "fma", "avx512f"])
        #expect(BLASKernel.cpuFlags(cpuinfo: "/nonexistent/cpuinfo").isEmpty)
        // On this machine the running library answers with some kernel name.
        #expect(!BLASKernel.current.isEmpty)
    }
}
