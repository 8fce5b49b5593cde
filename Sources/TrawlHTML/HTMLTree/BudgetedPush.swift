import CLibXML2
import CTagScan
import TrawlCore

/// Feeds a page to a libxml2 HTML push parser in chunks, reading the budget's clock between them, and stops early
/// when the page's tags alone would blow it (see `trawl_first_attribute_flood`). Shared by the link parser (SAX)
/// and the tree parser used for extraction, so both give up at the same point on the same page.
enum BudgetedPush {
    /// Big enough that chunking costs nothing measurable next to whole-page parsing, small enough that the clock is
    /// read every few milliseconds of parsing.
    static let chunkSize = 64 << 10

    /// Parses `utf8` with `context`, whose SAX callbacks report to `meter` and call `stop` when it runs out.
    static func parse(_ utf8: UnsafeBufferPointer<UInt8>, context: htmlParserCtxtPtr, meter: ParseMeter) {
        guard let base = utf8.baseAddress else { return }
        // libxml2 checks every attribute name against every earlier one in its tag: quadratic, with no callback in
        // between. Parse only what comes before such a tag.
        let end = trawl_first_attribute_flood(base, utf8.count, meter.budget.maxAttributes)
        let flood = end < utf8.count
        var offset = 0
        while offset < end, meter.checkTime() {
            let length = chunkLength(utf8, from: offset, end: end)
            let chunk = UnsafeRawPointer(base + offset).assumingMemoryBound(to: CChar.self)
            offset += length
            htmlParseChunk(context, chunk, Int32(length), offset == end ? 1 : 0)
        }
        if flood { meter.exceed(.attributes) }
    }

    /// Up to `chunkSize` bytes, cut just after a `>` (else an ASCII byte, else before a UTF-8 lead byte), so that no
    /// chunk ends inside a UTF-8 sequence, which libxml2 would take for an encoding error and switch the page to
    /// Latin-1.
    private static func chunkLength(_ utf8: UnsafeBufferPointer<UInt8>, from offset: Int, end: Int) -> Int {
        guard end - offset > chunkSize else { return end - offset }
        let limit = offset + chunkSize
        var ascii: Int?
        var index = limit
        while index > offset + chunkSize / 2 {
            let byte = utf8[index - 1]
            if byte == UInt8(ascii: ">") { return index - offset }
            if ascii == nil, byte < 0x80 { ascii = index }
            index -= 1
        }
        if let ascii { return ascii - offset }
        index = limit
        while index > offset + 1, utf8[index] & 0xC0 == 0x80 { index -= 1 }
        return index - offset
    }
}
