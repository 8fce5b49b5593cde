import TrawlCore

/// The document tables of `MemoryCrawlStore`: documents, chunks with their vectors, and each run's pipeline progress,
/// with the rules the SQL adapters apply to them (`MemoryDocumentStoreContractTests` holds the three to one script).
/// Runs are told apart by the store's run key, as the adapters' rows are; what a rule needs of the run (its job, the
/// job's earlier runs, its frontier) the store passes in.
struct MemoryDocumentTables {
    struct Document {
        var id: Int64
        var runKey: Int64
        var jobID: JobID
        var url: String
        var title: String?
        var language: String?
        var canonicalURL: String?
        var contentSHA256: String
        var change: DocumentWrite.Change
        var status: DocumentRecord.Status
        var chunkCount: Int
        var error: String?
        var payloadSHA256: String?
        var recipe: String?
    }

    struct Chunk {
        var id: Int64
        var documentID: Int64
        var runKey: Int64
        var text: String
        /// What the embedder reads while the chunk waits for its vector; dropped once embedded or given up.
        var embeddingText: String?
        var vector: [Float]?
        var model: String?
        var embedFailed = false
    }

    /// In ID order; IDs start at 1, as the adapters' do.
    private(set) var documents: [Document] = []
    private(set) var chunks: [Chunk] = []
    var progress: [Int64: PipelineProgress] = [:]

    /// The latest live document of each URL of `jobID` outside run `runKey`.
    func previousDocuments(jobID: JobID, urls: [String], excluding runKey: Int64) -> [String: PreviousDocument] {
        var found: [String: PreviousDocument] = [:]
        for url in Set(urls) {
            guard let latest = documents.last(where: { $0.jobID == jobID && $0.url == url && $0.runKey != runKey
                                                       && $0.status != .failed }),
                  latest.change != .delete else { continue }
            let own = chunks.filter { $0.documentID == latest.id }
            let models = Set(own.compactMap(\.model))
            let complete = !own.isEmpty && own.allSatisfy { $0.vector != nil } && models.count == 1
            var previous = PreviousDocument(id: latest.id, contentSHA256: latest.contentSHA256,
                                            embeddedWith: complete ? models.first : nil, chunkCount: latest.chunkCount)
            previous.payloadSHA256 = latest.payloadSHA256
            previous.recipe = latest.recipe
            previous.title = latest.title
            previous.language = latest.language
            previous.canonicalURL = latest.canonicalURL
            found[url] = previous
        }
        return found
    }

    /// Stores `writes` for run `runKey` of `jobID`; returns the vectors copied with unchanged documents.
    mutating func commit(_ writes: [DocumentWrite], runKey: Int64, jobID: JobID) -> [StoredVector] {
        var copied: [StoredVector] = []
        for write in writes {
            let id = Int64(documents.count + 1)
            var document = Document(id: id, runKey: runKey, jobID: jobID, url: write.url, title: write.title,
                                    language: write.language, canonicalURL: write.canonicalURL,
                                    contentSHA256: write.contentSHA256, change: write.change, status: .indexed,
                                    chunkCount: 0, error: nil, payloadSHA256: write.payloadSHA256, recipe: write.recipe)
            switch write.content {
            case .chunks(let new):
                document.chunkCount = new.count
                for chunk in new {
                    chunks.append(Chunk(id: Int64(chunks.count + 1), documentID: id, runKey: runKey, text: chunk.text,
                                        embeddingText: chunk.embeddingText))
                }
            case .copy(let source):
                document.status = .embedded
                document.chunkCount = documents.first { $0.id == source }?.chunkCount ?? 0
                for old in chunks where old.documentID == source {
                    var chunk = old
                    chunk.id = Int64(chunks.count + 1)
                    chunk.documentID = id
                    chunk.runKey = runKey
                    chunk.embeddingText = nil
                    chunks.append(chunk)
                    if let vector = chunk.vector, let model = chunk.model {
                        copied.append(StoredVector(chunkID: chunk.id, runKey: runKey, model: model, vector: vector))
                    }
                }
            case .failed(let reason):
                document.status = .failed
                document.error = reason
            case .deleted:
                document.status = .deleted
            }
            documents.append(document)
        }
        return copied
    }

    /// Run `runKey`'s chunks waiting for a vector, oldest first.
    func pendingChunks(runKey: Int64, limit: Int) -> [PendingChunk] {
        chunks.lazy.filter { $0.runKey == runKey && $0.vector == nil && !$0.embedFailed }.prefix(limit)
            .map { PendingChunk(id: $0.id, documentID: $0.documentID, text: $0.embeddingText ?? $0.text) }
    }

    /// Saves vectors; returns how many documents they completed.
    mutating func saveVectors(_ vectors: [(chunkID: Int64, vector: [Float])], model: String) -> Int {
        var touched: Set<Int64> = []
        for (id, vector) in vectors {
            guard let index = chunkIndex(id) else { continue }
            chunks[index].vector = vector
            chunks[index].model = model
            chunks[index].embeddingText = nil
            touched.insert(chunks[index].documentID)
        }
        var completed = 0
        for id in touched {
            guard let index = documentIndex(id), documents[index].status == .indexed,
                  !chunks.contains(where: { $0.documentID == id && $0.vector == nil }) else { continue }
            documents[index].status = .embedded
            completed += 1
        }
        return completed
    }

    /// Gives up the documents of `pending`; returns how many were not failed already.
    mutating func fail(_ pending: [PendingChunk], reason: String) -> Int {
        let ids = Set(pending.map(\.documentID))
        for index in chunks.indices where ids.contains(chunks[index].documentID) && chunks[index].vector == nil {
            chunks[index].embedFailed = true
            chunks[index].embeddingText = nil
        }
        var failed = 0
        for index in documents.indices where ids.contains(documents[index].id) && documents[index].status != .failed {
            documents[index].status = .failed
            documents[index].error = reason
            failed += 1
        }
        return failed
    }

    /// Tombstones, in run `runKey`, for the live documents of `previousKey` (the job's last earlier run with documents)
    /// that `runKey` made none for, except URLs of `unsure` (ones the run could not tell about); returns their number.
    mutating func recordDisappeared(runKey: Int64, previousKey: Int64, unsure: Set<String>) -> Int {
        let made = Set(documents.lazy.filter { $0.runKey == runKey }.map(\.url))
        let gone = documents.filter { $0.runKey == previousKey && $0.status != .failed && $0.status != .deleted
                                      && !made.contains($0.url) && !unsure.contains($0.url) }
        for old in gone {
            documents.append(Document(id: Int64(documents.count + 1), runKey: runKey, jobID: old.jobID, url: old.url,
                                      title: old.title, language: old.language, canonicalURL: old.canonicalURL,
                                      contentSHA256: old.contentSHA256, change: .delete, status: .deleted,
                                      chunkCount: 0, error: nil))
        }
        return gone.count
    }

    /// Whether run `runKey` has any document.
    func hasDocuments(runKey: Int64) -> Bool { documents.contains { $0.runKey == runKey } }

    /// Vectors of run `runKey` (every run when nil) after `chunkID`, below the run's first chunk still waiting.
    func vectors(runKey: Int64?, after chunkID: Int64, limit: Int) -> [StoredVector] {
        var firstWaiting: [Int64: Int64] = [:]
        for chunk in chunks where chunk.vector == nil && !chunk.embedFailed && chunk.embeddingText != nil {
            firstWaiting[chunk.runKey] = min(firstWaiting[chunk.runKey] ?? .max, chunk.id)
        }
        return chunks.lazy
            .filter { $0.id > chunkID && (runKey == nil || $0.runKey == runKey) && $0.vector != nil
                      && $0.id < firstWaiting[$0.runKey, default: .max] }
            .prefix(limit)
            .compactMap { chunk in
                guard let vector = chunk.vector, let model = chunk.model else { return nil }
                return StoredVector(chunkID: chunk.id, runKey: chunk.runKey, model: model, vector: vector)
            }
    }

    /// The documents of run `runKey`, in ID order (for tests to look at).
    func documents(runKey: Int64) -> [Document] { documents.filter { $0.runKey == runKey } }

    private func chunkIndex(_ id: Int64) -> Int? { id >= 1 && id <= Int64(chunks.count) ? Int(id) - 1 : nil }
    private func documentIndex(_ id: Int64) -> Int? { id >= 1 && id <= Int64(documents.count) ? Int(id) - 1 : nil }
}
