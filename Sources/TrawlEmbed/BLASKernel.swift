import COpenBLAS
import Foundation

/// Which of OpenBLAS's kernels this process's matrix products run on, and a better one when OpenBLAS chose badly.
///
/// OpenBLAS picks its kernel when it loads, from the CPU's model number. Debian 12's OpenBLAS (0.3.21) does not know
/// newer Xeons, nor virtual CPUs that hide their model, and falls back to Prescott's SSE3 kernel even where AVX-512
/// is there: MiniLM then ran at 10.7 chunks/s of 256 tokens on this project's CI machine, against 37.4 with the
/// SkylakeX kernel that `OPENBLAS_CORETYPE` forces (24.1 with Haswell's). The choice is read before `main`, so the
/// CLI starts itself again with the variable set (`TrawlCommand.main`).
public enum BLASKernel {
    /// The kernel OpenBLAS chose ("Prescott", "SkylakeX", …).
    public static var current: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// Kernels OpenBLAS falls back to for a CPU it does not recognise: older than any AVX2 core.
    static let fallbacks: Set<String> = ["prescott", "core2", "penryn", "dunnington", "nehalem", "atom", "katmai",
                                         "coppermine", "northwood", "banias"]

    /// The kernel to force for a CPU with these `/proc/cpuinfo` flags when OpenBLAS chose `chosen`, or nil when its
    /// choice stands (it recognised the CPU, or the CPU has nothing better).
    public static func better(than chosen: String, cpuFlags: Set<String>) -> String? {
        guard fallbacks.contains(chosen.lowercased()) else { return nil }
        if cpuFlags.isSuperset(of: ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]) { return "SkylakeX" }
        if cpuFlags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        if cpuFlags.contains("avx") { return "SandyBridge" }
        return nil
    }

    /// The flags of the first processor in `/proc/cpuinfo` (empty where there is none: not Linux, or unreadable).
    public static func cpuFlags(cpuinfo path: String = "/proc/cpuinfo") -> Set<String> {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }
}
