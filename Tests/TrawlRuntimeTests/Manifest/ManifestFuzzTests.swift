import Foundation
import Testing
import TrawlCore
import TrawlRuntime
import TrawlTestSupport

/// Manifests made wrong at random, from the commented examples in `config/`: each one is refused with a message or
/// accepted, never a crash or a hang; an accepted one reads back the same from its canonical form (what the store
/// keeps and the API shows).
@Suite struct ManifestFuzzTests {
    static let examples: [String] = {
        let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("config")
        return ["example-site.yaml", "docs-site.yaml", "sitemap.yaml"].compactMap {
            try? String(contentsOf: config.appendingPathComponent($0), encoding: .utf8)
        }
    }()

    /// Scalars that break types, ranges, units, regular expressions, XPath and URLs.
    static let wildValues = [
        "-1", "0", "99999999999999999999", "1e308", "-0.0", "nan", ".inf", "abc", "''", "\"\"", "null", "~", "[]", "{}",
        "true", "yes", "1s", "-5s", "1e9h", "10MiB", "-1KiB", "1e30GB", "0x10", "'(a+)+$'", "'('", "'[z-a]'",
        "'///['", "'//*[@id='", "'http://'", "'javascript:alert(1)'", "'http://127.0.0.1:9/'", "'ftp://x/'",
        "'\u{0}'", "'é\u{301}'", String(repeating: "x", count: 5_000), "&anchor x", "*missing", "!!binary AAAA",
        "'{{'", "[1, [2, [3, [4]]]]", "{a: {b: {c: d}}}",
    ]

    struct Mutator {
        var random: SeededRandom

        mutating func pick<T>(_ choices: [T]) -> T { choices[Int(random.next() % UInt64(choices.count))] }

        /// One to three edits: a value replaced, a line dropped, duplicated, moved in or out, or cut short.
        mutating func mutate(_ text: String) -> String {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for _ in 0...(random.next() % 3) {
                let index = Int(random.next() % UInt64(lines.count))
                let line = lines[index]
                switch random.next() % 6 {
                case 0, 1:
                    // The value after the key, if any, becomes a wild one.
                    if let colon = line.firstIndex(of: ":") {
                        lines[index] = line[...colon] + " " + pick(ManifestFuzzTests.wildValues)
                    } else if line.contains("- ") {
                        lines[index] = line.replacingOccurrences(of: "- ", with: "- \(pick(ManifestFuzzTests.wildValues)) #")
                    }
                case 2: lines.remove(at: index)
                case 3: lines.insert(line, at: index)
                case 4: lines[index] = (random.next() % 2 == 0 ? "  " : "") + line.drop(while: { $0 == " " && random.next() % 2 == 0 })
                default: lines[index] = String(line.prefix(Int(random.next() % UInt64(line.count + 1))))
                }
                if lines.isEmpty { lines = [""] }
            }
            return lines.joined(separator: "\n")
        }
    }

    @Test func mutatedManifestsAreRefusedWithAMessageOrReadBackUnchanged() throws {
        #expect(Self.examples.count == 3)
        var mutator = Mutator(random: SeededRandom(seed: 0x3A41_F00D))
        var accepted = 0, refused = 0
        for index in 0..<1_500 {
            let text = mutator.mutate(mutator.pick(Self.examples))
            do {
                let manifest = try ManifestLoader.parse(text, format: .yaml)
                accepted += 1
                // Canonical form, as stored: it must validate again and mean the same crawl.
                let again = try Manifest(from: manifest.configValue)
                #expect(again == manifest, "mutation \(index) reads back differently:\n\(text)")
            } catch let error as ManifestLoadError {
                refused += 1
                #expect(!error.description.isEmpty, "mutation \(index)")
            } catch {
                Issue.record("mutation \(index) failed outside the loader's errors: \(error)\n\(text)")
            }
        }
        print("manifest fuzz: \(accepted) accepted, \(refused) refused")
        // Not blind: both outcomes are common.
        #expect(accepted > 100 && refused > 100, "accepted \(accepted), refused \(refused)")
    }
}
