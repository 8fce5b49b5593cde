import CLibXML2
import Foundation
import TrawlCore

/// Streams a sitemap XML document through libxml2's reader: memory stays flat however many URLs it lists.
/// Namespaces are ignored (local names only); external entities and DTDs are never loaded (XXE-safe).
enum SitemapXMLReader {
    /// Reads `<urlset><url><loc>` or `<sitemapindex><sitemap><loc>`. A document that breaks off after a sitemap root
    /// yields the locations read so far, since a truncated sitemap still names valid URLs; so does one that lists more
    /// than `locationLimit`, read no further.
    static func read(_ bytes: ArraySlice<UInt8>, locationLimit: Int) throws(SitemapError) -> SitemapDocument {
        LibXML.initialize()
        let errors = ErrorRecorder()
        let outcome: Result<SitemapDocument, SitemapError> = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress,
                  let reader = xmlReaderForMemory(
                      UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
                      Int32(clamping: buffer.count), nil, nil, options)
            else { return .failure(.notASitemap("libxml2 could not start reading the document")) }
            defer { xmlFreeTextReader(reader) }
            xmlTextReaderSetStructuredErrorHandler(reader, recordError, Unmanaged.passUnretained(errors).toOpaque())
            return walk(reader, errors: errors, locationLimit: locationLimit)
        }
        return try outcome.get()
    }

    /// No NOENT (entities stay unexpanded), no DTDLOAD, no network; errors go to `ErrorRecorder`, not stderr.
    private static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_COMPACT.rawValue
    )

    private static func walk(
        _ reader: xmlTextReaderPtr, errors: ErrorRecorder, locationLimit: Int
    ) -> Result<SitemapDocument, SitemapError> {
        var kind: SitemapDocument.Kind?
        var locations: [String] = []
        var lastModified: [Date?] = []
        var entryIsOpen = false
        // The text of the <loc> or <lastmod> being read, and which; an entry's two come in either order.
        var text: [UInt8]?
        var readingLastmod = false
        var entryLocation: Int?
        var entryLastmod: Date?
        while true {
            // An entry's <lastmod> may follow its <loc>: the limit is checked once that entry has closed.
            let full = locations.count >= locationLimit && entryLocation == nil
            let status = full ? 0 : xmlTextReaderRead(reader)
            guard status == 1 else {
                guard let kind else {
                    let reason = errors.firstMessage.map { "not well-formed XML (\($0))" } ?? "the document has no root element"
                    return .failure(.notASitemap(reason))
                }
                return .success(SitemapDocument(kind: kind, locations: locations, lastModified: lastModified))
            }
            let depth = xmlTextReaderDepth(reader)
            switch xmlTextReaderNodeType(reader) {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                let name = xmlTextReaderConstLocalName(reader)
                if depth == 0 {
                    if xmlNameEquals(name, "urlset") {
                        kind = .urlSet
                    } else if xmlNameEquals(name, "sitemapindex") {
                        kind = .index
                    } else {
                        let found = name.map { String(cString: $0) } ?? "?"
                        return .failure(.notASitemap("the root element is <\(found)>, not <urlset> or <sitemapindex>"))
                    }
                } else if depth == 1 {
                    entryIsOpen = xmlNameEquals(name, kind == .index ? "sitemap" : "url")
                    entryLocation = nil
                    entryLastmod = nil
                } else if depth == 2, entryIsOpen, xmlNameEquals(name, "loc") || xmlNameEquals(name, "lastmod"),
                          xmlTextReaderIsEmptyElement(reader) == 0 {
                    text = []
                    readingLastmod = xmlNameEquals(name, "lastmod")
                }
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                 Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                if text != nil, let value = xmlTextReaderConstValue(reader) {
                    text?.append(contentsOf: UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value))))
                }
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                if depth == 2, let bytes = text {
                    let value = bytes.withUnsafeBufferPointer { $0.trimmedString() }
                    if readingLastmod {
                        entryLastmod = value.flatMap(W3CDateTime.latestInstant)
                        if let entryLocation { lastModified[entryLocation] = entryLastmod }
                    } else if let url = value, entryLocation == nil {
                        locations.append(url)
                        lastModified.append(entryLastmod)
                        entryLocation = locations.count - 1
                    }
                    text = nil
                }
            default:
                break
            }
        }
    }

    /// Keeps the first libxml2 error message for the user-facing error.
    private final class ErrorRecorder {
        var firstMessage: String?
    }

    private static let recordError: xmlStructuredErrorFunc = { context, error in
        guard let context, let error, let message = error.pointee.message else { return }
        let recorder = Unmanaged<ErrorRecorder>.fromOpaque(context).takeUnretainedValue()
        guard recorder.firstMessage == nil else { return }
        let text = String(cString: message).trimmingASCIIWhitespace()
        recorder.firstMessage = "line \(error.pointee.line): \(text)"
    }
}
