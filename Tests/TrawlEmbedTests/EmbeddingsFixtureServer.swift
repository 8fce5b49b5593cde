import Foundation
import Synchronization
import TrawlTestSupport

/// A fake OpenAI-compatible `/v1/embeddings` on 127.0.0.1: answers scripted responses first, then real ones.
///
/// A real answer gives each input the 4-dimensional vector [utf8 length, 1, 2, 2] (not normalised, so tests see
/// the client normalise) and lists items in reverse order with their `index`, so tests see the client reorder.
final class EmbeddingsFixtureServer: Sendable {
    /// Responses still to be given before real answers; a class so the server's handler can share it.
    private final class Script: Sendable {
        let responses: Mutex<[FixtureResponse]>
        init(_ responses: [FixtureResponse]) { self.responses = Mutex(responses) }
        func next() -> FixtureResponse? { responses.withLock { $0.isEmpty ? nil : $0.removeFirst() } }
    }

    let server: FixtureServer

    /// Starts serving; `script` is answered in order before any real answer.
    init(script: [FixtureResponse] = []) throws {
        let script = Script(script)
        server = try FixtureServer { request in script.next() ?? Self.answer(request) }
    }

    deinit { server.stop() }

    /// The base URL a client is configured with.
    var baseURL: String { server.url("/v1") }

    /// The decoded bodies of every request received, in order.
    var requestBodies: [[String: Any]] {
        server.requests.compactMap { try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any] }
    }

    /// The `input` array of every request received.
    var inputs: [[String]] { requestBodies.map { $0["input"] as? [String] ?? [] } }

    static func vector(for text: String) -> [Float] { [Float(text.utf8.count), 1, 2, 2] }

    private static func answer(_ request: FixtureRequest) -> FixtureResponse {
        guard request.method == "POST", request.path == "/v1/embeddings",
            let body = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
            let inputs = body["input"] as? [String]
        else {
            return .text(#"{"error": {"message": "bad request"}}"#, contentType: "application/json", status: 400)
        }
        let items = inputs.enumerated().reversed().map { index, text in
            ["object": "embedding", "index": index, "embedding": vector(for: text)] as [String: Any]
        }
        let json = try! JSONSerialization.data(withJSONObject: ["object": "list", "data": items, "model": body["model"] ?? ""])
        return .bytes(Array(json), contentType: "application/json")
    }
}
