import Testing
@testable import TrawlHTML

struct HTMLEncodingTests {
    @Test(arguments: [
        ("utf-8", "UTF-8"), (" UTF8 \n", "UTF-8"), ("latin1", "windows-1252"), ("ISO-8859-1", "windows-1252"),
        ("ascii", "windows-1252"), ("us-ascii", "windows-1252"), ("x-sjis", "Shift_JIS"), ("ms932", "Shift_JIS"),
        ("ks_c_5601-1987", "EUC-KR"), ("gb2312", "GBK"), ("GB18030", "gb18030"), ("big5-hkscs", "Big5"),
        ("unicode", "UTF-16LE"), ("utf-16", "UTF-16LE"), ("UTF-16BE", "UTF-16BE"), ("tis-620", "windows-874"),
        ("iso-8859-8-i", "ISO-8859-8-I"), ("koi8-u", "KOI8-U"), ("cp1251", "windows-1251"), ("mac", "macintosh"),
    ])
    func mapsLabelsAsBrowsersDo(label: String, name: String) {
        #expect(HTMLEncoding(label: label)?.name == name)
    }

    @Test(arguments: ["", "bogus", "replacement", "iso-2022-kr", "x-user-defined", "utf-32", "utf 8"])
    func rejectsLabelsItCannotDecode(label: String) {
        #expect(HTMLEncoding(label: label) == nil)
    }

    @Test func everyEncodingDecodedThroughIconvIsAvailableOnThisSystem() {
        for (name, labels) in HTMLEncoding.labelsByEncoding {
            #expect(HTMLEncoding(label: labels[0])?.name == name)
        }
    }
}
