import Foundation
import Logging
import Synchronization
import TrawlCore
import TrawlEmbed

/// The embedders this process can offer: MiniLM from the model folder (loaded once, on first use, and shared by
/// every pipeline and search), the operator's named providers, and OpenAI-compatible services as runs name them.
final class ModelEmbedderProvider: EmbedderProviding {
    private let modelDirectory: Result<String, EmbedError>
    private let miniLM = Mutex<MiniLMEmbedder?>(nil)
    private let services = Mutex<[OpenAIEmbeddingOptions: OpenAIEmbedder]>([:])
    /// Connections (dimension probes) under way, by the options they serve.
    private let connecting = Mutex<[OpenAIEmbeddingOptions: Task<Result<OpenAIEmbedder, EmbedError>, Never>]>([:])
    private let threads: Int
    private let addressPolicy: AddressPolicy
    private let providers: [String: EmbeddingProvider]
    private let fetcher: any Fetcher
    private let logger: Logger
    private let allowsEnvironmentKeys: Bool
    private let tokenCounter = Mutex<(any TokenCounting)?>(nil)

    /// A provider reading MiniLM from `modelDirectory`, or from where `ModelLocation` finds it when nil. Services a
    /// manifest names must be reached at addresses `addressPolicy` allows; the operator's `providers` may be
    /// anywhere. Every request goes through `fetcher`. `allowsEnvironmentKeys` is false on the server, where
    /// manifests are tenants': a stored job from before that rule still cannot send the operator's key.
    init(modelDirectory: String?, threads: Int, addressPolicy: AddressPolicy, providers: [EmbeddingProvider],
         allowsEnvironmentKeys: Bool, fetcher: any Fetcher, logger: Logger) {
        self.allowsEnvironmentKeys = allowsEnvironmentKeys
        self.addressPolicy = addressPolicy
        self.providers = Dictionary(providers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.fetcher = fetcher
        self.logger = logger
        if let modelDirectory {
            self.modelDirectory = .success(modelDirectory)
        } else {
            do throws(EmbedError) { self.modelDirectory = .success(try ModelLocation.resolve()) } catch {
                self.modelDirectory = .failure(error)
            }
        }
        self.threads = threads
    }

    /// Chunks are sized in the model's own tokens when its vocabulary is installed. Read on first use: a crawl that
    /// indexes nothing never holds the 30,522-word vocabulary (~3 MiB).
    var tokens: any TokenCounting {
        tokenCounter.withLock { counter in
            if let counter { return counter }
            let loaded: any TokenCounting
            if case .success(let folder) = modelDirectory,
               let tokenizer = try? WordPieceTokenizer(
                   vocabularyFile: (folder as NSString).appendingPathComponent("vocab.txt")) {
                loaded = tokenizer
            } else {
                loaded = ApproximateTokenCounter()
            }
            counter = loaded
            return loaded
        }
    }

    func embedder(for choice: PipelineOptions.Embedding) async -> Result<any Embedder, EmbedError> {
        switch choice {
        case .minilm:
            return loadMiniLM().map { $0 as any Embedder }
        case .openAI(let options):
            // Keyed by every option, the key included: runs naming another key must not use this one.
            if let cached = services.withLock({ $0[options] }) { return .success(cached) }
            let configuration: OpenAIEmbedderConfiguration
            switch options.endpoint {
            case .provider(let name):
                guard let provider = providers[name] else {
                    return .failure(EmbedError(.model, "no embedding provider named '\(name)' is configured"))
                }
                configuration = OpenAIEmbedderConfiguration(
                    baseURL: provider.baseURL, model: provider.model, dimensions: provider.dimensions,
                    apiKeyEnvironmentVariable: provider.apiKeyEnvironment, displayName: "embedding provider '\(name)'",
                    batchSize: options.batchSize)
            case let .direct(baseURL, model, key):
                var direct = OpenAIEmbedderConfiguration(baseURL: baseURL, model: model, addressPolicy: addressPolicy,
                                                         batchSize: options.batchSize)
                switch key {
                case .environment(let variable)?:
                    guard allowsEnvironmentKeys else {
                        return .failure(EmbedError(.model, "api_key_env is not allowed on this server: "
                            + "use an embedding provider by name, or give your own api_key"))
                    }
                    direct.apiKeyEnvironmentVariable = variable
                case .inline(let secret)?: direct.apiKey = secret
                case nil: break
                }
                configuration = direct
            }
            let connect = connection(to: configuration, for: options)
            let outcome = await connect.value
            connecting.withLock { tasks in if tasks[options] == connect { tasks[options] = nil } }
            if case .success(let embedder) = outcome { services.withLock { $0[options] = embedder } }
            return outcome.map { $0 as any Embedder }
        }
    }

    /// The connection under way to the service `options` names, or a new one. It runs on its own, not in its caller:
    /// a caller that stops waiting (a hybrid search past its deadline) does not cancel the probe, whose answer the
    /// next caller then finds kept, and callers at once share one probe rather than each send their own.
    private func connection(to configuration: OpenAIEmbedderConfiguration,
                            for options: OpenAIEmbeddingOptions) -> Task<Result<OpenAIEmbedder, EmbedError>, Never> {
        let (fetcher, logger) = (fetcher, logger)
        return connecting.withLock { tasks in
            if let running = tasks[options] { return running }
            let task = Task { () -> Result<OpenAIEmbedder, EmbedError> in
                do throws(EmbedError) {
                    // One short request learns the model's dimensions; the embedder is kept for every later use.
                    return .success(try await OpenAIEmbedder.connect(configuration: configuration, fetcher: fetcher,
                                                                     logger: logger))
                } catch {
                    // Tenants read the message; the detail (libcurl's words, variable names) is for this log.
                    logger.warning("an embedding service could not be used: \(error)")
                    return .failure(error)
                }
            }
            tasks[options] = task
            return task
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
                do throws(EmbedError) { folder = try ModelLocation.resolve() } catch {
                    logger.warning("the MiniLM model could not be found: \(error)")
                    return .failure(error)
                }
            }
            do throws(EmbedError) {
                let loaded = try MiniLMEmbedder(modelDirectory: folder, threads: threads)
                cached = loaded
                return .success(loaded)
            } catch {
                logger.warning("the MiniLM model could not be loaded: \(error)")
                return .failure(error)
            }
        }
    }
}
