import Foundation
import TrawlCore

/// Streams what a run stored out of the store, page by page, so exports of large runs use little memory.
public struct RunExporter: Sendable {
    private let store: any PageStore
    private let text: PageText
    private let pageBatch = 200

    /// An exporter reading from `store`; `parser` derives pages' visible text from their stored bodies.
    public init(store: any PageStore, parser: any HTMLParsing) {
        self.store = store
        text = PageText(parser: parser)
    }

    /// Calls `body` with every stored page of `runID`, in write order.
    func forEachPage(of runID: RunID, _ body: (StoredPage) throws(ExportError) -> Void) async throws(ExportError) {
        var after: Int64 = 0
        while true {
            let pages: [StoredPage]
            do throws(StoreError) {
                pages = try await store.pages(of: runID, after: after, limit: pageBatch)
            } catch {
                throw .store(error)
            }
            for page in pages { try body(page) }
            guard let last = pages.last, pages.count == pageBatch else { return }
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
        try await forEachPage(of: runID) { (stored) throws(ExportError) in
            guard stored.page.redirectTarget == nil else { return }  // hops are in the WARC, not documents
            try sink.write(JSONLDocument(stored, text: text.of(stored.page), chains: chains).line())
            try sink.write("\n")
            count += 1
        }
        try sink.flush()
        return count
    }

    /// Writes `runID` as a WARC 1.1 file (gzip per record when `gzip`); returns how many responses were written.
    public func exportWARC(_ runID: RunID, to sink: ByteSink, gzip: Bool, software: String) async throws(ExportError) -> Int {
        var writer = WARCWriter(sink: ByteSinkWARCSink(sink: sink), gzip: gzip)
        do {
            try writer.writeWarcinfo(software: software, fields: [("format", "WARC File Format 1.1"),
                                                                  ("isPartOf", runID.description)])
        } catch { throw ExportError("\(error)") }
        var count = 0
        try await forEachPage(of: runID) { (stored) throws(ExportError) in
            let page = stored.page
            let exchange = WARCExchange(targetURI: page.url, date: page.fetchedAt, ipAddress: page.ipAddress,
                                        requestHead: page.requestHead, responseHead: page.responseHead,
                                        body: page.body, truncated: page.truncated)
            do { try writer.write(exchange) } catch { throw ExportError("\(error)") }
            count += 1
        }
        try sink.flush()
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
        try await forEachPage(of: runID) { (stored) throws(ExportError) in
            guard stored.page.redirectTarget == nil else { return }
            let document = MarkdownDocument(stored, text: text.of(stored.page))
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

/// Lets the WARC writer write into a `ByteSink`.
struct ByteSinkWARCSink: WARCSink {
    let sink: ByteSink
    mutating func write(_ bytes: [UInt8]) throws {
        do throws(ExportError) { try sink.write(bytes) } catch { throw error }
    }
}
