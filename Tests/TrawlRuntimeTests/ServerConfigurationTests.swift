import Foundation
import Testing
import TrawlRuntime

@Suite struct ServerConfigurationTests {
    @Test func theExampleFileLoadsAndEnvironmentOverridesIt() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var configuration = ServerConfiguration()
        try configuration.apply(file: root.appendingPathComponent("config/server.yaml").path)
        #expect(configuration.port == 8022 && configuration.host == "127.0.0.1" && !configuration.allowPrivateNetworks)
        #expect(configuration.embeddingThreads == nil)
        try configuration.apply(environment: ["TRAWL_PORT": "9000", "TRAWL_ALLOW_PRIVATE_NETWORKS": "true",
                                              "TRAWL_API_KEYS": "k1,k2:acme+beta", "TRAWL_EMBEDDING_THREADS": "1"])
        #expect(configuration.port == 9000)
        #expect(configuration.embeddingThreads == 1)
        #expect(configuration.allowPrivateNetworks)
        #expect(configuration.apiKeys == [.init(token: "k1"), .init(token: "k2", tenants: ["acme", "beta"])])
        try configuration.validate()
    }

    @Test func badSettingsAreClearErrors() throws {
        var configuration = ServerConfiguration()
        #expect(throws: ServerConfigurationError.self) { try configuration.apply(environment: ["TRAWL_PORT": "http"]) }
        #expect(throws: ServerConfigurationError.self) {
            try configuration.apply(environment: ["TRAWL_EMBEDDING_THREADS": "all"])
        }
        var threads = ServerConfiguration()
        threads.embeddingThreads = 0
        #expect(throws: ServerConfigurationError.invalid("embedding_threads must be 1 to 256")) { try threads.validate() }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("server-\(UUID()).yaml").path
        try "port: 8022\nprot: 1\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ServerConfigurationError.invalid("\(path): unknown or mistyped setting 'prot'")) {
            try configuration.apply(file: path)
        }
    }

    /// Tenant limits default to the server's; a file may change one, lift one (`null`) and must name only known ones.
    @Test func tenantLimitsLoadWithDefaultsAndAreChecked() throws {
        #expect(ServerConfiguration().tenantLimits == .serverDefaults)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("server-\(UUID()).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "tenant_limits: {jobs: 50, concurrent_exports: null}\n".write(toFile: path, atomically: true, encoding: .utf8)
        var configuration = ServerConfiguration()
        try configuration.apply(file: path)
        #expect(configuration.tenantLimits == TenantLimits(jobs: 50, triggers: 1_000, activeRuns: 1_000, concurrentExports: nil,
                                                           concurrentReads: 4))
        try configuration.validate()
        try "tenant_limits: {job: 50}\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ServerConfigurationError.invalid("\(path): unknown tenant limit 'job'")) { try configuration.apply(file: path) }
        configuration.tenantLimits.triggers = 0
        #expect(throws: ServerConfigurationError.self) { try configuration.validate() }
    }

    @Test func aRemoteAddressNeedsKeysOrAnExplicitFlag() throws {
        var configuration = ServerConfiguration()
        configuration.host = "0.0.0.0"
        #expect(throws: ServerConfigurationError.self) { try configuration.validate() }
        configuration.apiKeys = [.init(token: "secret")]
        try configuration.validate()
        configuration.apiKeys = []
        configuration.allowUnauthenticatedRemote = true
        try configuration.validate()
    }
}
