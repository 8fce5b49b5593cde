import Foundation
import TrawlCore

/// Streams what a run stored out of the store, page by page, so exports of large runs use little memory.
public struct RunExporter: Sendable {
    private let store: any PageStore
    private let text: PageText
    private let pageBatch = 200
    /// Bytes of bodies and revisits' payloads read per batch: 200 pages of 128 MiB would be 25 GiB at once.
    private let batchBytes = 32 << 20

    /// An exporter reading from `store`; `parser` derives pages' visible text from their stored bodies.
    public init(store: any PageStore, parser: any HTMLParsing) {
        self.store = store
        text = PageText(parser: parser)
    }

    /// Calls `body` with every stored page of `runID`, in write order, and the payload of each revisit for which
    /// `needsPayload` says so (read in one go per batch).
    /// After each page, `sink` (when given) may hand what it holds to its reader.
    func forEachPage(of runID: RunID, settling sink: ByteSink? = nil, needsPayload: (PageRecord) -> Bool = { _ in false },
                     _ body: (StoredPage, StoredPayload?) async throws(ExportError) -> Void) async throws(ExportError) {
        var after: Int64 = 0
        while true {
            let pages: [StoredPage]
            let payloads: [Int64: StoredPayload]
            do throws(StoreError) {
                pages = try await store.pages(of: runID, after: after, limit: pageBatch, maxBytes: batchBytes)
                let wanted = pages.compactMap { page in
                    needsPayload(page.page) ? page.page.revisit?.payloadSequence : nil
                }
                payloads = try await store.payloads(wanted)
            } catch {
                throw .store(error)
            }
            for page in pages {
                try await body(page, page.page.revisit.flatMap { payloads[$0.payloadSequence] })
                try await sink?.settle()
            }
            // A short batch is not the end: a batch stops at its bytes as well as its count.
            guard let last = pages.last else { return }
            after = last.sequence
        }
    }

    /// Writes `runID` as JSONL documents to `sink`; returns how many lines were written.
    public func exportJSONL(_ runID: RunID, to sink: ByteSink) async throws(ExportError) -> Int {
        let chains: RedirectChains
        do throws(StoreError) {
            chains = RedirectChains(try await store.redirects(of: runID))
        } catch {
            throw .store(error)
        }
        var count = 0
        try await forEachPage(of: runID, settling: sink, needsPayload: { _ in true }) { (stored, payload) throws(ExportError) in
            guard stored.page.redirectTarget == nil else { return }  // hops are in the WARC, not documents
            let resolved = stored.resolved(with: payload)
            // libxml2 on a page built to use its whole parse budget holds a thread for seconds: one of the compute
            // threads, never one of the pool's that serve the API.
            let text = self.text
            let visible = await ComputeThreads.shared.run { text.of(resolved.page) }
            try sink.write(JSONLDocument(resolved, text: visible, chains: chains).line())
            try sink.write("\n")
            count += 1
        }
        try await sink.finish()
        return count
    }

    /// Writes `runID` as a WARC 1.1 file (gzip per record when `gzip`); returns how many response and revisit records
    /// were written. A page whose payload is an earlier run's is a `revisit` record (server-not-modified for a 304,
    /// identical-payload-digest for the same bytes again) and a page that was not requested has no record, unless
    /// `full`: then each is a `response` with the stored payload, and the archive stands alone.
    public func exportWARC(_ runID: RunID, to sink: ByteSink, gzip: Bool, software: String,
                           full: Bool = false) async throws(ExportError) -> Int {
        var writer = WARCWriter(sink: ByteSinkWARCSink(sink: sink), gzip: gzip)
        do {
            try writer.writeWarcinfo(software: software, fields: [("format", "WARC File Format 1.1"),
                                                                  ("isPartOf", runID.description)])
        } catch { throw ExportError("\(error)") }
        var count = 0
        // Revisits carry the payload's digest, and `--full` and moved payloads need the body itself.
        let needsPayload = { (page: PageRecord) in page.revisit.map { full || $0.kind != .fresh } ?? false }
        try await forEachPage(of: runID, settling: sink, needsPayload: needsPayload) { (stored, payload) throws(ExportError) in
            let page = stored.page
            // What the page's records hold: the exchange, and for a revisit what it refers to.
            let exchange: WARCExchange
            var revisiting: WARCRevisit?
            switch page.revisit {
            case nil:
                exchange = WARCExchange(targetURI: page.url, date: page.fetchedAt, ipAddress: page.ipAddress,
                                        requestHead: page.requestHead, responseHead: page.responseHead,
                                        body: page.body, truncated: page.truncated)
            case let revisit? where full || revisit.payloadSequence == stored.sequence:
                // A full archive, or a page that holds its payload itself since the run that first stored it was
                // deleted: the response as captured, with this run's request when it made one.
                guard let payload else { throw ExportError("the stored payload of \(page.url) is missing") }
                let resolved = stored.resolved(with: payload).page
                let head = revisit.kind == .identicalPayload ? page.responseHead : resolved.responseHead
                let request = page.requestHead.isEmpty ? Self.request(for: page.url) : page.requestHead
                exchange = WARCExchange(targetURI: page.url, date: page.fetchedAt, ipAddress: page.ipAddress,
                                        requestHead: request, responseHead: head, body: resolved.body)
            case let revisit?:
                let profile: WARCRevisit.Profile
                switch revisit.kind {
                case .fresh: return  // nothing was exchanged
                case .notModified: profile = .serverNotModified
                case .identicalPayload: profile = .identicalPayloadDigest
                }
                guard let payload else { throw ExportError("the stored payload of \(page.url) is missing") }
                exchange = WARCExchange(targetURI: page.url, date: page.fetchedAt, ipAddress: page.ipAddress,
                                        requestHead: page.requestHead, responseHead: page.responseHead, body: [])
                revisiting = WARCRevisit(profile: profile, refersToTargetURI: revisit.payloadURL,
                                         refersToDate: revisit.payloadDate, payload: payload.body)
            }
            // The payload's digest and the gzip of a large body take a second: made on a compute thread, never on one
            // of the pool's that serve the API; then written here, in page order.
            let maker = writer.maker
            let revisit = revisiting
            let made = await ComputeThreads.shared.run { () -> Result<[UInt8], any Error> in
                Result { try revisit.map { try maker.records(for: exchange, revisiting: $0) } ?? maker.records(for: exchange) }
            }
            do {
                try writer.append(made.get())
            } catch let error as ExportError {
                throw error
            } catch {
                throw ExportError("\(error)")
            }
            count += 1
        }
        try await sink.finish()
        return count
    }

    /// Writes one Markdown file per document of `runID` into `directory`; returns how many files were written.
    public func exportMarkdown(_ runID: RunID, toDirectory directory: String) async throws(ExportError) -> Int {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ExportError("cannot create \(directory): \(error.localizedDescription)")
        }
        var names = Set<String>()
        var count = 0
        try await forEachPage(of: runID, needsPayload: { _ in true }) { (stored, payload) throws(ExportError) in
            guard stored.page.redirectTarget == nil else { return }
            let resolved = stored.resolved(with: payload)
            let document = MarkdownDocument(resolved, text: text.of(resolved.page))
            var name = document.fileName
            var suffix = 2
            while !names.insert(name).inserted {
                name = document.fileName.replacingOccurrences(of: ".md", with: "-\(suffix).md")
                suffix += 1
            }
            let sink = try ByteSink.file((directory as NSString).appendingPathComponent(name))
            try sink.write(document.render())
            try sink.close()
            count += 1
        }
        return count
    }
}

extension RunExporter {
    /// The request a page reused without one would have sent: for a `--full` archive, whose every response has one.
    static func request(for url: String) -> [UInt8] {
        let parsed = try? CrawlURL(url)
        let target = parsed?.pathAndQuery ?? "/"
        let host = parsed.map { $0.origin.string.split(separator: "/").last.map(String.init) ?? "" } ?? ""
        return Array("GET \(target) HTTP/1.1\r\nHost: \(host)\r\n\r\n".utf8)
    }
}

/// Lets the WARC writer write into a `ByteSink`.
struct ByteSinkWARCSink: WARCSink {
    let sink: ByteSink
    mutating func write(_ bytes: [UInt8]) throws {
        do throws(ExportError) { try sink.write(bytes) } catch { throw error }
    }
}
