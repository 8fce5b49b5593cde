import Foundation
import Testing
import TrawlCore
import TrawlRuntime
import TrawlTestSupport

/// A crawled page made to break indexing is indexed like any other, on both stores, and the run settles.
@Suite struct HostilePageIndexingTests {
    /// A megabyte of distinct dotted words without a space: one unknown token to a tokenizer, one word to the chunker,
    /// and as one chunk more lexemes than PostgreSQL's tsvector takes, which failed the document's write at every
    /// retry and left the run's text index unfinished for good.
    @Test func aMegabyteWithoutASpaceIsIndexedAndTheRunSettles() async throws {
        let run = (0..<150_000).map { "w\($0)." }.joined()
        let server = try FixtureServer(site: FixtureSite([
            "/": DocumentPipelineTests.page("Welcome", "<p>Before the run.</p><p>\(run)</p><p>After the run.</p>"),
        ]))
        defer { server.stop() }
        let (harness, service, _, created) = try await DocumentPipelineTests.start(DocumentPipelineTests.config(server))
        defer { harness.cleanUp() }
        let settled = try await DocumentPipelineTests.settled(service, created.id)
        #expect(settled.pipeline.documents.indexed == 1 && settled.pipeline.documents.failed == 0)
        #expect(settled.pipeline.textIndexedAt != nil)
        var query = SearchQuery(tenantID: "acme", text: "w149999")
        query.runIDs = [settled.id]
        #expect(try await service.search(query, mode: .text).results.count == 1)
        await service.shutdown()
    }
}
