import Foundation

/// The most text one document may contribute to the index.
///
/// A page is at most 128 MiB, and a 128 MiB page of prose is some 650,000 chunks: one document that would hold the
/// pipeline (and gigabytes of memory) for as long as it takes to chunk, store and embed them. The longest real
/// articles run to about a megabyte of text; past the cap, the rest of a page is left out of its document.
enum ContentCap {
    /// 4 MiB of Markdown (and of plain text), about 4,000 chunks.
    static let maximumBytes = 4 << 20

    /// `text` cut to at most `maximumBytes` bytes, at the last paragraph break before the cut if there is one
    /// (else at a character boundary).
    static func cut(_ text: String, maximumBytes: Int = maximumBytes) -> String {
        let utf8 = text.utf8
        guard utf8.count > maximumBytes else { return text }
        var end = utf8.index(utf8.startIndex, offsetBy: maximumBytes)
        // Back to a character boundary, then to a paragraph break in the last quarter of what is kept.
        while end > utf8.startIndex, String.Index(end, within: text) == nil { end = utf8.index(before: end) }
        let kept = text[..<end]
        if let breakAt = kept.range(of: "\n\n", options: .backwards), kept.utf8.distance(from: kept.utf8.startIndex,
            to: breakAt.lowerBound) > maximumBytes * 3 / 4 {
            return String(kept[..<breakAt.lowerBound])
        }
        return String(kept)
    }
}
