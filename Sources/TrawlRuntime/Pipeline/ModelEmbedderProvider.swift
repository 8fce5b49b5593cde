import Foundation
import Synchronization
import TrawlCore
import TrawlEmbed

/// The embedders this process can offer: MiniLM from the model folder (loaded once, on first use, and shared by
/// every pipeline and search), and OpenAI-compatible services as runs configure them.
final class ModelEmbedderProvider: EmbedderProviding {
    private let modelDirectory: Result<String, EmbedError>
    private let miniLM = Mutex<MiniLMEmbedder?>(nil)
    private let services = Mutex<[OpenAIEmbeddingOptions: OpenAIEmbedder]>([:])
    private let threads: Int
    private let addressPolicy: AddressPolicy
    let tokens: any TokenCounting

    /// A provider reading MiniLM from `modelDirectory`, or from where `ModelLocation` finds it when nil; OpenAI-
    /// compatible endpoints must resolve to addresses `addressPolicy` allows.
    init(modelDirectory: String?, threads: Int, addressPolicy: AddressPolicy) {
        self.addressPolicy = addressPolicy
        if let modelDirectory {
            self.modelDirectory = .success(modelDirectory)
        } else {
            do throws(EmbedError) { self.modelDirectory = .success(try ModelLocation.resolve()) } catch {
                self.modelDirectory = .failure(error)
            }
        }
        self.threads = threads
        // Chunks are sized in the model's own tokens when its vocabulary is installed.
        if case .success(let folder) = self.modelDirectory,
           let tokenizer = try? WordPieceTokenizer(vocabularyFile: (folder as NSString).appendingPathComponent("vocab.txt")) {
            tokens = tokenizer
        } else {
            tokens = ApproximateTokenCounter()
        }
    }

    func embedder(for choice: PipelineOptions.Embedding) async -> Result<any Embedder, EmbedError> {
        switch choice {
        case .minilm:
            return loadMiniLM().map { $0 as any Embedder }
        case .openAI(let options):
            // Keyed by every option, the key variable included: runs naming another key must not use this one.
            if let cached = services.withLock({ $0[options] }) { return .success(cached) }
            if let refusal = EndpointCheck.refusal(of: options.baseURL, under: addressPolicy) {
                return .failure(EmbedError(.invalidResponse, refusal))
            }
            let configuration = OpenAIEmbedderConfiguration(
                baseURL: options.baseURL, model: options.model, apiKeyEnvironmentVariable: options.apiKeyEnvironment,
                batchSize: options.batchSize)
            do throws(EmbedError) {
                // One short request learns the model's dimensions; the embedder is kept for every later use.
                let embedder = try await OpenAIEmbedder.connect(configuration: configuration)
                services.withLock { $0[options] = embedder }
                return .success(embedder)
            } catch {
                return .failure(error)
            }
        }
    }

    private func loadMiniLM() -> Result<MiniLMEmbedder, EmbedError> {
        miniLM.withLock { cached in
            if let cached { return .success(cached) }
            // Failures are not kept: a model fetched while the server runs is picked up by the next pipeline.
            let folder: String
            switch modelDirectory {
            case .success(let found): folder = found
            case .failure:
                do throws(EmbedError) { folder = try ModelLocation.resolve() } catch { return .failure(error) }
            }
            do throws(EmbedError) {
                let loaded = try MiniLMEmbedder(modelDirectory: folder, threads: threads)
                cached = loaded
                return .success(loaded)
            } catch {
                return .failure(error)
            }
        }
    }
}
