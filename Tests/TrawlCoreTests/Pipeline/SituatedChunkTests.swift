import Testing
@testable import TrawlCore

/// What the embedder reads: a chunk's plain words after its page title and heading path.
@Suite struct SituatedChunkTests {
    @Test func titleAndHeadingsComeFirstWithoutRepeatingTheTitle() {
        let chunk = Chunk(index: 3, text: "Objects of this class are returned by [`open()`](#open).",
                          headingPath: ["zipfile", "ZipInfo Objects"], start: 0, end: 10, tokenCount: 12)
        let situated = DocumentPipeline.situated(chunk, title: "zipfile — Work with ZIP archives")
        #expect(situated.embeddingText == "zipfile — Work with ZIP archives › zipfile › ZipInfo Objects\n\n"
                + "Objects of this class are returned by open().")
        #expect(situated.text == chunk.text)  // the Markdown, for the index and results, is untouched
        let sameTitle = DocumentPipeline.situated(chunk, title: "zipfile")
        #expect(sameTitle.embeddingText?.hasPrefix("zipfile › ZipInfo Objects\n\n") == true)
        #expect(chunk.embeddingText == nil)  // made only for runs that embed
        let bare = Chunk(index: 0, text: "Just words.", headingPath: [], start: 0, end: 11, tokenCount: 2)
        #expect(DocumentPipeline.situated(bare, title: nil).embeddingText == "Just words.")
        #expect(DocumentPipeline.situated(bare, title: "").embeddingText == "Just words.")
    }
}
