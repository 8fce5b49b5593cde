import Foundation
import Testing
import TrawlCore
import TrawlEmbed

/// The 40 texts of `Fixtures/minilm-reference.jsonl` with the token ids and embeddings the Python reference gives.
struct ReferenceFixture: Sendable {
    /// One reference text.
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var id: Int
        var text: String
        var tokens: [Int32]
        var truncated: Bool
        var embedding: [Float]

        /// Test output names a case by id and the start of its text, not its 384 floats.
        var testDescription: String { "#\(id) \(String(text.prefix(40)).debugDescription)" }
    }

    /// Every case, in file order.
    static let cases: [Case] = {
        guard let url = Bundle.module.url(forResource: "minilm-reference", withExtension: "jsonl", subdirectory: "Fixtures"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("Fixtures/minilm-reference.jsonl is missing from the test bundle") }
        let decoder = JSONDecoder()
        return text.split(separator: "\n").map { line in
            do {
                return try decoder.decode(Case.self, from: Data(line.utf8))
            } catch {
                fatalError("bad reference line: \(error)")
            }
        }
    }()

    /// The model folder `ModelLocation` finds; a missing model is an error that says how to fetch it.
    static func modelDirectory() throws(EmbedError) -> String {
        try ModelLocation.resolve()
    }
}
