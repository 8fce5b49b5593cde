import Foundation
import Testing
import TrawlCore
@testable import TrawlEmbed

@Suite struct MiniLMEmbedderTests {
    /// One model for the whole suite: loading copies 90 MB.
    static let embedder: Result<MiniLMEmbedder, EmbedError> = Result { () throws(EmbedError) in
        try MiniLMEmbedder(modelDirectory: try ReferenceFixture.modelDirectory())
    }

    static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        let dot = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
        let norms = (a.reduce(0) { $0 + $1 * $1 } * b.reduce(0) { $0 + $1 * $1 }).squareRoot()
        return dot / norms
    }

    @Test("every reference embedding has cosine ≥ 0.999 with the Python reference")
    func referenceEmbeddings() async throws {
        let embedder = try Self.embedder.get()
        let cases = ReferenceFixture.cases
        let vectors = try await embedder.embed(cases.map(\.text))
        #expect(vectors.count == cases.count)
        var worst: Float = 1
        for (reference, vector) in zip(cases, vectors) {
            #expect(vector.count == 384)
            let similarity = Self.cosine(reference.embedding, vector)
            worst = min(worst, similarity)
            #expect(similarity >= 0.999, "text \(reference.id): cosine \(similarity)")
        }
        print("minilm: worst cosine over the reference \(worst), max |cos-1| \(1 - worst)")
    }

    @Test("a batch gives the same vectors as one text at a time, and the empty text embeds like the reference")
    func batchMatchesSingle() async throws {
        let embedder = try Self.embedder.get()
        let texts = ["", "web crawler", "Resume a paused run from its persisted frontier.", "日本語のテキスト", "ok"]
        let batched = try await embedder.embed(texts)
        for (text, vector) in zip(texts, batched) {
            let single = try await embedder.embed([text])[0]
            #expect(zip(single, vector).allSatisfy { abs($0 - $1) < 1e-5 }, "\(text.debugDescription)")
        }
        let empty = ReferenceFixture.cases.first { $0.text.isEmpty }!
        #expect(Self.cosine(batched[0], empty.embedding) >= 0.999)
        #expect(abs(batched[0].reduce(0) { $0 + $1 * $1 } - 1) < 1e-5)
        #expect(try await embedder.embed([]).isEmpty)
    }

    @Test("a small token budget splits the input into several passes without changing the vectors")
    func smallBatches() async throws {
        let embedder = try Self.embedder.get()
        let small = try MiniLMEmbedder(modelDirectory: try ReferenceFixture.modelDirectory(), threads: 1, maximumBatchTokens: 1)
        let texts = ["first text", "second, longer text about crawling", "third"]
        let expected = try await embedder.embed(texts)
        let actual = try await small.embed(texts)
        #expect(zip(expected, actual).allSatisfy { pair in zip(pair.0, pair.1).allSatisfy { abs($0 - $1) < 1e-5 } })
        #expect(small.model == "all-MiniLM-L6-v2" && small.dimensions == 384)
    }

    @Test("a folder without the model files is a model error naming what is missing")
    func missingModel() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-embed-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let noVocabulary = #expect(throws: EmbedError.self) { try MiniLMEmbedder(modelDirectory: folder) }
        #expect(noVocabulary?.kind == .model)
        // The operator reads the path (`description`); a tenant whose documents failed reads neither path nor folder.
        #expect(noVocabulary?.description.contains("vocab.txt") == true && noVocabulary?.message.contains(folder) == false)
        let source = try ReferenceFixture.modelDirectory()
        try FileManager.default.copyItem(atPath: source + "/vocab.txt", toPath: folder + "/vocab.txt")
        try Data("not a model".utf8).write(to: URL(fileURLWithPath: folder + "/model.safetensors"))
        let corrupt = #expect(throws: EmbedError.self) { try MiniLMEmbedder(modelDirectory: folder) }
        #expect(corrupt?.kind == .model)
        #expect(corrupt?.description.contains("model.safetensors") == true && corrupt?.message.contains(folder) == false)
    }
}
