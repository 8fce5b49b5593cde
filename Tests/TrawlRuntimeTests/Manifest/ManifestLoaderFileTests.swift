import Foundation
import Testing
import TrawlCore
import TrawlRuntime

/// Loading manifests from files: the examples shipped in config/, and the errors files can cause.
@Suite struct ManifestLoaderFileTests {
    /// The package's config/ folder, found from this file's place in Tests/TrawlRuntimeTests/Manifest/.
    static let configDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config")

    /// The YAML and JSON files in config/ that are manifests. The folder also holds server configuration, so a file
    /// whose root has no `config` key is left out; one that does not even parse stays in, to fail loudly.
    static let examples: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: configDirectory.path)) ?? []
        return names.filter { name in
            guard ManifestLoader.Format(path: name) != nil else { return false }
            let url = configDirectory.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8),
                  let root = try? ManifestLoader.configValue(yaml: text)
            else { return true }
            return root["config"] != nil
        }.sorted()
    }()

    @Test func theExamplesAreThere() {
        #expect(Set(Self.examples).isSuperset(of: ["example-site.yaml", "docs-site.yaml", "sitemap.yaml", "blog.json"]))
    }

    @Test(arguments: examples)
    func everyExampleLoadsAndSurvivesARoundTrip(name: String) throws {
        let manifest = try ManifestLoader.load(path: Self.configDirectory.appendingPathComponent(name).path)
        #expect(!manifest.config.seeds.isEmpty)
        #expect(try Manifest(from: manifest.configValue) == manifest)
    }

    @Test func theFullExampleSetsEveryComponent() throws {
        let config = try ManifestLoader.load(path: Self.configDirectory.appendingPathComponent("example-site.yaml").path).config
        #expect(config.seeds.count == 2)
        #expect(config.stopping == StoppingCriteria(maxURLs: 1_000, maxDepth: 3, maxAge: .seconds(1_800), maxEmptyEvaluations: 10))
        #expect(config.robots.defaultDelay == .seconds(1))
        #expect(config.filters.count == 4)
        #expect(config.sanitize.stripParameters == ["utm_*", "fbclid", "gclid"])
        #expect(config.fetcher.productToken == "ExampleBot")
        #expect(config.fetcher.maxBodyBytes == 10 << 20)
        #expect(config.speed == SpeedOptions())
    }

    @Test func missingFilesAreNamed() {
        #expect(throws: ManifestLoadError.fileNotFound(path: "/nonexistent/trawl.yaml")) {
            try ManifestLoader.load(path: "/nonexistent/trawl.yaml")
        }
        #expect(ManifestLoadError.fileNotFound(path: "x.yaml").description == "manifest file not found: x.yaml")
    }

    @Test func unknownExtensionsAreRefused() {
        #expect(throws: ManifestLoadError.unsupportedFormat(path: "crawl.txt")) { try ManifestLoader.load(path: "crawl.txt") }
    }

    @Test func directoriesAreUnreadable() throws {
        let directory = try ManifestTemporaryFile.directory(named: "dir.yaml")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: ManifestLoadError.unreadable(path: directory.path, reason: "it is a directory")) {
            try ManifestLoader.load(path: directory.path)
        }
    }

    @Test func fileErrorsCarryThePath() throws {
        let file = try ManifestTemporaryFile.write("name: n\nconfig:\n  seeds: [\n", extension: "yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        let error = try #require(throws: ManifestLoadError.self) { try ManifestLoader.load(path: file.path) }
        #expect(error.description.hasPrefix("\(file.path):4:1: invalid YAML: "))
    }

    @Test func invalidManifestFilesCarryThePath() throws {
        let file = try ManifestTemporaryFile.write(#"{"name": "n", "config": {"seeds": [], "speed": {"kind": "fixed", "params": {"delay": "1x"}}}}"#,
                                           extension: "json")
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: ManifestLoadError.invalid(source: file.path, ManifestError(issues: [
            .init(path: "config.seeds", message: "at least one seed source is required"),
            .init(path: "config.speed.params.delay", message: "expected a duration such as 30s, 10m or 6h"),
        ]))) {
            try ManifestLoader.load(path: file.path)
        }
    }

    @Test func emptyFilesAreNamed() throws {
        let file = try ManifestTemporaryFile.write("", extension: "yml")
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: ManifestLoadError.empty(source: file.path)) { try ManifestLoader.load(path: file.path) }
    }
}
