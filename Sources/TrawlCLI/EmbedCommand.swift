import ArgumentParser
import Dispatch
import Foundation
import Logging
import TrawlCore
import TrawlEmbed
import TrawlRuntime

/// `trawl embed`: embed texts from stdin, one JSON line out for each line in, in order.
///
/// A line is a text, or, when it starts with `{`, a JSON object whose `text` field is the text. Lines are
/// embedded in batches of whatever has arrived (up to `--batch-size`), so piping a file is fast and typing a line
/// answers at once.
struct EmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Embed stdin lines (texts, or JSON objects with a \"text\" field) as JSONL {text, embedding[, tokens]}.")

    /// Which embedder runs.
    enum Backend: String, ExpressibleByArgument, CaseIterable {
        case minilm, openai
    }

    @Option(help: "minilm (all-MiniLM-L6-v2 on this machine) | openai (any OpenAI-compatible /embeddings service).")
    var model: Backend = .minilm
    @Flag(help: "Also write the token ids the model saw, [CLS] and [SEP] included (minilm only).")
    var tokens = false
    @Option(
        name: .customLong("model-dir"),
        help: "The all-MiniLM-L6-v2 folder (default: $TRAWL_MODEL_DIR, then ./models/all-MiniLM-L6-v2).")
    var modelDirectory: String?
    @Option(help: "Cores minilm may use (default: all).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(
        name: .customLong("base-url"),
        help: "The service's API root, e.g. https://api.openai.com/v1 or http://localhost:11434/v1.")
    var baseURL: String?
    @Option(name: .customLong("openai-model"), help: "The model the service should use, e.g. text-embedding-3-small.")
    var openAIModel: String?
    @Option(name: .customLong("api-key-env"), help: "The environment variable holding the API key (default: no key).")
    var apiKeyVariable: String?
    @Option(help: "The service model's vector length (default: asked from the service with one request).")
    var dimensions: Int?
    @Option(name: .customLong("batch-size"), help: "Lines embedded together at most (and texts per request for openai).")
    var batchSize: Int = 32

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        switch model {
        case .minilm:
            let serviceOptions = [("--base-url", baseURL), ("--openai-model", openAIModel), ("--api-key-env", apiKeyVariable)]
            if let (name, _) = serviceOptions.first(where: { $0.1 != nil }) {
                throw ValidationError("\(name) applies to --model openai only")
            }
            if dimensions != nil { throw ValidationError("--dimensions applies to --model openai only") }
        case .openai:
            if tokens { throw ValidationError("--tokens applies to --model minilm only") }
            if modelDirectory != nil { throw ValidationError("--model-dir applies to --model minilm only") }
            if baseURL == nil { throw ValidationError("--model openai needs --base-url") }
            if openAIModel == nil { throw ValidationError("--model openai needs --openai-model") }
        }
    }

    func run() async throws {
        let (embedder, tokenizer) = try await makeEmbedder()
        var input = LineReader()
        var lineNumber = 0
        while let lines = try await input.nextLines(max: batchSize) {
            var texts: [String] = []
            var failure: CLIError?
            for line in lines {
                lineNumber += 1
                do {
                    texts.append(try Self.text(of: line))
                } catch {
                    failure = CLIError("line \(lineNumber): \(error.description)")
                    break
                }
            }
            // The lines before a bad one are still answered, so the output stays aligned with the input.
            try await write(texts, embedder: embedder, tokenizer: tokens ? tokenizer : nil)
            if let failure { throw failure }
        }
    }

    /// The embedder the options describe, and the tokenizer when it is minilm.
    private func makeEmbedder() async throws -> (any Embedder, WordPieceTokenizer?) {
        do throws(EmbedError) {
            switch model {
            case .minilm:
                let embedder = try TrawlRuntime.miniLMEmbedder(modelDirectory: modelDirectory, threads: threads)
                // Which kernel the matrix products run on decides the speed (threefold between OpenBLAS's fallback
                // and AVX-512): said on stderr, so a slow machine can be told from a slow build.
                FileHandle.standardError.write(Data(
                    "trawl embed: minilm, \(threads) threads, OpenBLAS kernel \(BLASKernel.current)\n".utf8))
                return (embedder, embedder.tokenizer)
            case .openai:
                let configuration = OpenAIEmbedderConfiguration(
                    baseURL: baseURL ?? "", model: openAIModel ?? "", dimensions: dimensions,
                    apiKeyEnvironmentVariable: apiKeyVariable, batchSize: batchSize)
                return (try await TrawlRuntime.openAIEmbedder(configuration, logger: Logger(label: "trawl")), nil)
            }
        } catch {
            throw CLIError(error.description)
        }
    }

    /// Embeds `texts` and writes their JSON lines in one write.
    private func write(_ texts: [String], embedder: any Embedder, tokenizer: WordPieceTokenizer?) async throws {
        guard !texts.isEmpty else { return }
        let vectors: [[Float]]
        do {
            vectors = try await embedder.embed(texts)
        } catch {
            throw CLIError(error.description)
        }
        var output = ""
        for (text, vector) in zip(texts, vectors) {
            output += "{\"text\":"
            var quoted = JSONWriter(capacity: text.utf8.count + 2)
            quoted.string(text)
            output += String(decoding: quoted.bytes, as: UTF8.self)
            output += ",\"embedding\":[" + vector.map { "\($0)" }.joined(separator: ",") + "]"
            if let tokenizer {
                output += ",\"tokens\":[" + tokenizer.encode(text).map(String.init).joined(separator: ",") + "]"
            }
            output += "}\n"
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }

    /// Why an input line could not be read.
    struct LineError: Error, CustomStringConvertible {
        var description: String
    }

    /// The text of one input line (without its line break): the line itself, or a JSON object's `text`.
    static func text(of line: ArraySlice<UInt8>) throws(LineError) -> String {
        let bytes = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        guard let text = String(validating: bytes, as: UTF8.self) else { throw LineError(description: "not valid UTF-8") }
        guard text.hasPrefix("{") else { return text }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)), let fields = object as? [String: Any],
            let value = fields["text"] as? String
        else {
            throw LineError(description: "a line starting with { must be a JSON object with a string \"text\" field")
        }
        return value
    }

    /// Splits standard input into lines, handing out those already complete without waiting for more.
    struct LineReader {
        private var buffer: [UInt8] = []
        private var start = 0
        /// Bytes from `start` up to here hold no newline: a long line is not searched again after every read.
        private var searched = 0
        private var finished = false

        /// Up to `max` complete lines (without their "\n"), reading only when none is buffered; the last line may
        /// lack its "\n". Nil at the end of input.
        mutating func nextLines(max: Int) async throws -> [ArraySlice<UInt8>]? {
            while true {
                var lines: [ArraySlice<UInt8>] = []
                var cursor = start
                var from = Swift.max(start, searched)
                while lines.count < max, let newline = buffer[from...].firstIndex(of: UInt8(ascii: "\n")) {
                    lines.append(buffer[cursor ..< newline])
                    cursor = newline + 1
                    from = cursor
                }
                if lines.isEmpty, finished, cursor < buffer.count {
                    lines.append(buffer[cursor...])
                    cursor = buffer.count
                }
                if !lines.isEmpty {
                    start = cursor
                    return lines
                }
                if finished { return nil }
                let chunk = try await Self.readStandardInput()
                buffer.removeFirst(start)
                searched = buffer.count
                start = 0
                if chunk.isEmpty { finished = true } else { buffer += chunk }
            }
        }

        /// One read(2) of standard input (empty at its end), off Swift's cooperative threads since it may block.
        private static func readStandardInput() async throws -> [UInt8] {
            let result: Result<[UInt8], CLIError> = await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    var chunk = [UInt8](repeating: 0, count: 1 << 16)
                    while true {
                        let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
                        if count >= 0 { return continuation.resume(returning: .success(Array(chunk.prefix(count)))) }
                        if errno != EINTR {
                            return continuation.resume(returning: .failure(CLIError("cannot read stdin: errno \(errno)")))
                        }
                    }
                }
            }
            return try result.get()
        }
    }
}
