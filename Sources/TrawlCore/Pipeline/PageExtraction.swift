import Foundation

/// Extract and chunk, the costly half of a document's making, for a batch of pages: what a run's pipeline does before
/// it decides what each page becomes, and what helpers in other processes do ahead of it (`ExtractionHelper`).
public struct PageExtraction: Sendable {
    /// One page's extraction: its content and chunks, or why it has none.
    public typealias Outcome = Result<ExtractedPage, ExtractionError>

    let extractor: any ContentExtracting
    let options: PipelineOptions
    let tokens: any TokenCounting
    let parallelism: Int

    /// Extraction with `extractor` and `options`, chunks sized with `tokens`, up to `parallelism` pages at once.
    public init(extractor: any ContentExtracting, options: PipelineOptions, tokens: any TokenCounting, parallelism: Int) {
        self.extractor = extractor
        self.options = options
        self.tokens = tokens
        self.parallelism = max(1, parallelism)
    }

    /// Extracts and chunks `pages`, keeping their order, off the cooperative pool (extraction parses the page).
    public func extract(_ pages: [PageRecord]) async -> [Outcome] {
        guard !pages.isEmpty else { return [] }
        let extractor = extractor
        let chunker = Chunker(options: options.chunking, counter: tokens)
        let extraction = options.extraction
        return await withTaskGroup(of: (Int, Outcome).self) { group in
            var results: [(Int, Outcome)] = []
            var next = 0
            func submit() {
                let index = next
                let page = pages[index]
                next += 1
                group.addTask {
                    await ComputeThreads.shared.run { () -> (Int, Outcome) in
                        do throws(ExtractionError) {
                            let content = try extractor.extract(page.body, declaredCharset: page.headers.charset,
                                                                url: page.url, options: extraction)
                            return (index, .success(ExtractedPage(content: content, chunks: chunker.chunks(of: content.markdown))))
                        } catch {
                            return (index, .failure(error))
                        }
                    }
                }
            }
            while next < min(pages.count, parallelism) { submit() }
            for await result in group {
                results.append(result)
                if next < pages.count { submit() }
            }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// What a document is made with besides its payload: the extraction and chunking settings and the versions of
    /// the code that uses them, hashed with `hash`. Equal payload and equal recipe make an equal document, and an
    /// extraction made ahead under another recipe is not used.
    public static func recipe(of options: PipelineOptions, hash: (String) -> String) -> String {
        let chunking = options.chunking
        return hash("\(DocumentPipeline.extractionVersion)/\(DocumentPipeline.embeddingInputVersion)/\(chunking.targetTokens)/"
            + "\(chunking.overlapTokens)/\(options.extraction.contentXPath ?? "")/\(options.extraction.skippedTags)")
    }

    /// What an extraction made ahead is filed under: the recipe and the token counter its chunks were sized with (a
    /// helper without the model's vocabulary counts tokens otherwise, and its chunks would differ from the pipeline's).
    public static func resultKey(recipe: String, tokens: any TokenCounting) -> String {
        "\(recipe)/\(String(reflecting: type(of: tokens)))"
    }
}
