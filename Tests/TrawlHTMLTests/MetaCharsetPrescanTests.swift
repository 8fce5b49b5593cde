import Testing
@testable import TrawlHTML

struct MetaCharsetPrescanTests {
    private func sniff(_ html: String) -> String? {
        MetaCharsetPrescan.encoding(in: Array(html.utf8)[...])?.name
    }

    @Test(arguments: [
        ("<meta charset=utf-8>", "UTF-8"),
        ("<META CHARSET='Shift_JIS'>", "Shift_JIS"),
        ("<meta charset = \" latin1 \" >", "windows-1252"),
        ("<meta/charset=euc-kr >", "EUC-KR"),
        ("<meta charset=euc-kr/>", nil),
        ("<meta http-equiv=Content-Type content='text/html; charset=iso-8859-2'>", "ISO-8859-2"),
        ("<meta content=\"text/html;charset=\\\"koi8-r\\\"\" http-equiv=\"content-type\">", nil),
        ("<meta content='text/html; CHARSET = \"koi8-r\"' http-equiv='content-type'>", "KOI8-R"),
        ("<meta content='text/html; charset=big5'>", nil),
        ("<meta name=x charset=bogus content='text/html; charset=utf-8' http-equiv=content-type>", nil),
        ("<meta http-equiv=content-type content='charset=bogus' charset=gbk>", "GBK"),
        ("<!-- <meta charset=koi8-r> --><meta charset=windows-1251>", "windows-1251"),
        ("<!--><meta charset=koi8-r>", "KOI8-R"),
        ("<div title='<meta charset=koi8-r>'><meta charset=iso-8859-7>", "ISO-8859-7"),
        ("<metadata charset=koi8-r>", nil),
        ("<?xml encoding='koi8-r'?><p>", nil),
        ("<meta charset=x-user-defined>", nil),
        ("<meta charset=\"utf-16be\">", "UTF-8"),
        ("<meta charset=koi8-r", nil),
        ("", nil),
    ] as [(String, String?)])
    func findsTheDeclaredEncoding(html: String, expected: String?) {
        #expect(sniff(html) == expected)
    }

    @Test(arguments: [
        ("text/html; charset=utf-8", "utf-8"),
        ("text/html;charset='Shift_JIS' ", "Shift_JIS"),
        ("charset=\"unterminated", nil),
        ("text/html; charsetx; charset = gbk;", "gbk"),
        ("text/html", nil),
        ("charset=", nil),
    ] as [(String, String?)])
    func extractsTheCharsetParameter(content: String, expected: String?) {
        #expect(MetaCharsetPrescan.charsetParameter(in: Array(content.utf8)) == expected)
    }
}
