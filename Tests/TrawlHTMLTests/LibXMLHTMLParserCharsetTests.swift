import Testing
import TrawlCore
@testable import TrawlHTML

/// Which encoding a page is decoded with, and that decoding never loses the rest of the page.
struct LibXMLHTMLParserCharsetTests {
    private func parse(_ body: [UInt8], declared: String? = nil) -> ParsedHTML {
        LibXMLHTMLParser().parse(body, declaredCharset: declared, productToken: "Trawl")
    }

    private func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

    // "日本語のページ" in Shift_JIS, "한국어 문서" in EUC-KR, "中文网页" in GB18030.
    private let shiftJIS: [UInt8] = [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA, 0x82, 0xCC, 0x83, 0x79, 0x81, 0x5B, 0x83, 0x57]
    private let eucKR: [UInt8] = [0xC7, 0xD1, 0xB1, 0xB9, 0xBE, 0xEE, 0x20, 0xB9, 0xAE, 0xBC, 0xAD]
    private let gb18030: [UInt8] = [0xD6, 0xD0, 0xCE, 0xC4, 0xCD, 0xF8, 0xD2, 0xB3]
    // "Grüße – café €" in windows-1252.
    private let windows1252: [UInt8] = [0x47, 0x72, 0xFC, 0xDF, 0x65, 0x20, 0x96, 0x20, 0x63, 0x61, 0x66, 0xE9, 0x20, 0x80]

    @Test func latin1HeaderDecodesAsWindows1252() {
        let page = parse(ascii("<p>") + windows1252 + ascii("</p>"), declared: "ISO-8859-1")
        #expect(page.charset == "windows-1252")
        #expect(page.text == "Grüße – café €")
    }

    @Test func shiftJISFromMetaCharsetWithoutHeader() {
        let page = parse(ascii("<html><head><meta charset=\"shift_jis\"><title>") + shiftJIS + ascii("</title></head></html>"))
        #expect(page.charset == "Shift_JIS")
        #expect(page.title == "日本語のページ")
    }

    @Test func xSjisHeaderAliasMapsToShiftJIS() {
        let page = parse(ascii("<p>") + shiftJIS + ascii("</p>"), declared: "x-sjis")
        #expect(page.charset == "Shift_JIS")
        #expect(page.text == "日本語のページ")
    }

    @Test func eucKRFromHttpEquivContentType() {
        let head = ascii("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\"><p>")
        let page = parse(head + eucKR + ascii("</p>"))
        #expect(page.charset == "EUC-KR")
        #expect(page.text == "한국어 문서")
    }

    @Test func gb18030FromHeader() {
        let page = parse(ascii("<p>") + gb18030 + ascii("</p>"), declared: "GB18030")
        #expect(page.charset == "gb18030")
        #expect(page.text == "中文网页")
    }

    @Test func gb2312LabelDecodesAsGBK() {
        let page = parse(ascii("<meta charset=gb2312><p>") + gb18030 + ascii("</p>"))
        #expect(page.charset == "GBK")
        #expect(page.text == "中文网页")
    }

    @Test func headerBeatsAWrongMeta() {
        let body = ascii("<meta charset=\"utf-8\"><p>") + shiftJIS + ascii("</p>")
        let page = parse(body, declared: "Shift_JIS")
        #expect(page.charset == "Shift_JIS")
        #expect(page.text == "日本語のページ")
    }

    @Test func metaAppliesWhenTheHeaderNamesNoKnownEncoding() {
        let page = parse(ascii("<meta charset=windows-1252><p>") + windows1252 + ascii("</p>"), declared: "bogus")
        #expect(page.charset == "windows-1252")
        #expect(page.text == "Grüße – café €")
    }

    @Test func utf16LittleEndianWithBOM() {
        let html = "<html><title>Ünïcode ☺</title><a href=\"/ü\">x</a></html>"
        let body: [UInt8] = [0xFF, 0xFE] + html.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let page = parse(body)
        #expect(page.charset == "UTF-16LE")
        #expect(page.title == "Ünïcode ☺")
        #expect(page.links.map(\.href) == ["/ü"])
    }

    @Test func utf16BigEndianWithBOMBeatsAContradictingHeader() {
        let html = "<p>Grüße 😀</p>"
        let body: [UInt8] = [0xFE, 0xFF] + html.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let page = parse(body, declared: "iso-8859-1")
        #expect(page.charset == "UTF-16BE")
        #expect(page.text == "Grüße 😀")
    }

    @Test func utf8BOMBeatsAContradictingHeader() {
        let page = parse([0xEF, 0xBB, 0xBF] + ascii("<p>caf") + [0xC3, 0xA9] + ascii("</p>"), declared: "windows-1252")
        #expect(page.charset == "UTF-8")
        #expect(page.text == "café")
    }

    @Test func validUTF8WithoutDeclarationIsUTF8() {
        let page = parse(Array("<p>naïve résumé</p>".utf8))
        #expect(page.charset == "UTF-8")
        #expect(page.text == "naïve résumé")
    }

    @Test func invalidUTF8WithoutDeclarationIsWindows1252() {
        let page = parse(ascii("<p>") + windows1252 + ascii("</p>"))
        #expect(page.charset == "windows-1252")
        #expect(page.text == "Grüße – café €")
    }

    @Test func invalidBytesInDeclaredUTF8BecomeReplacementCharactersAndTheRestSurvives() {
        let page = parse(ascii("<p>caf") + [0xE9] + ascii(" ok</p><a href=\"/after\">a</a>"), declared: "utf-8")
        #expect(page.charset == "UTF-8")
        #expect(page.text == "caf\u{FFFD} ok\na")
        #expect(page.links.map(\.href) == ["/after"])
    }

    @Test func invalidShiftJISBytesDoNotCutTheDocumentShort() {
        let body = ascii("<p>") + shiftJIS + [0x81, 0x20, 0xA0, 0xFF] + ascii("</p><a href=\"/after\">next</a>")
        let page = parse(body, declared: "shift_jis")
        #expect(page.links.map(\.href) == ["/after"])
        #expect(page.text.hasPrefix("日本語のページ"))
        #expect(page.text.hasSuffix("next"))
    }

    @Test func windows1252BytesUndefinedInIconvStillDecode() {
        // 0x81 and 0x8D have no character in Windows' table; iconv rejects them, browsers show C1 controls.
        let page = parse(ascii("<p>a") + [0x81] + ascii("b") + [0x8D] + ascii("c</p><a href=/x>x</a>"), declared: "windows-1252")
        #expect(page.text == "a\u{81}b\u{8D}c\nx")
        #expect(page.links.count == 1)
    }

    @Test func metaDeclaringUTF16IsReadAsUTF8() {
        let page = parse(ascii("<meta charset=utf-16><p>caf") + [0xC3, 0xA9] + ascii("</p>"))
        #expect(page.charset == "UTF-8")
        #expect(page.text == "café")
    }

    @Test func metaBeyondTheFirst1024BytesIsNotSniffed() {
        let padding = ascii("<!-- " + String(repeating: "x", count: 1100) + " -->")
        let page = parse(padding + ascii("<meta charset=shift_jis><p>") + windows1252 + ascii("</p>"))
        #expect(page.charset == "windows-1252")
    }

    @Test func iso2022JPStatefulEncodingDecodes() {
        // "日本" in ISO-2022-JP: ESC $ B, two JIS X 0208 characters, ESC ( B.
        let body = ascii("<p>") + [0x1B, 0x24, 0x42, 0x46, 0x7C, 0x4B, 0x5C, 0x1B, 0x28, 0x42] + ascii("</p>")
        let page = parse(body, declared: "iso-2022-jp")
        #expect(page.charset == "ISO-2022-JP")
        #expect(page.text == "日本")
    }
}
