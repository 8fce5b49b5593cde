import Foundation
import Testing
import TrawlCore
@testable import TrawlEmbed

@Suite struct ModelLocationTests {
    /// A temporary checkout-like folder, with the model files under models/all-MiniLM-L6-v2 when `withModel`.
    static func makeRoot(withModel: Bool) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-location-\(UUID().uuidString)").path
        let model = root + "/" + ModelLocation.relativePath
        try FileManager.default.createDirectory(atPath: model, withIntermediateDirectories: true)
        if withModel {
            for file in ModelLocation.requiredFiles { _ = FileManager.default.createFile(atPath: model + "/" + file, contents: Data()) }
        }
        try FileManager.default.createDirectory(atPath: root + "/.build/x86_64-unknown-linux-gnu/release", withIntermediateDirectories: true)
        return root
    }

    @Test("TRAWL_MODEL_DIR is used alone when set")
    func environment() throws {
        let root = try Self.makeRoot(withModel: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let explicit = root + "/" + ModelLocation.relativePath
        #expect(try ModelLocation.resolve(environment: ["TRAWL_MODEL_DIR": explicit], currentDirectory: "/", executablePath: nil) == explicit)
        let error = #expect(throws: EmbedError.self) {
            try ModelLocation.resolve(environment: ["TRAWL_MODEL_DIR": "/nowhere"], currentDirectory: root, executablePath: nil)
        }
        // The folders searched are this machine's paths: the operator reads them (the CLI prints `description`),
        // a tenant whose documents fail to embed reads only the message.
        #expect(error?.message.contains("/nowhere") == false)
        #expect(error?.message.contains("not installed") == true)
        #expect(error?.detail?.contains("/nowhere") == true && error?.description.contains("/nowhere") == true)
    }

    @Test("finds models/ under the current directory, else above the executable")
    func search() throws {
        let root = try Self.makeRoot(withModel: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let expected = root + "/" + ModelLocation.relativePath
        #expect(try ModelLocation.resolve(environment: [:], currentDirectory: root, executablePath: nil) == expected)
        let executable = root + "/.build/x86_64-unknown-linux-gnu/release/trawl"
        let found = try ModelLocation.resolve(environment: [:], currentDirectory: "/", executablePath: executable)
        #expect((found as NSString).standardizingPath == (expected as NSString).standardizingPath)
    }

    @Test("a missing model is a model error that names the folders searched and scripts/fetch-model")
    func missing() throws {
        let root = try Self.makeRoot(withModel: false)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let error = #expect(throws: EmbedError.self) {
            try ModelLocation.resolve(environment: [:], currentDirectory: root, executablePath: nil)
        }
        #expect(error?.kind == .model)
        // The operator's text (the CLI's) names the folders and the fix; the tenant's names neither.
        #expect(error?.description.contains("scripts/fetch-model") == true)
        #expect(error?.description.contains(root) == true && error?.message.contains(root) == false)
    }
}
