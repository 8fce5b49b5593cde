import Testing
@testable import TrawlExport

struct Base32Tests {
    @Test(
        "RFC 4648 section 10 test vectors",
        arguments: [
            ("", ""), ("f", "MY======"), ("fo", "MZXQ===="), ("foo", "MZXW6==="),
            ("foob", "MZXW6YQ="), ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI======"),
        ])
    func rfcVectors(input: String, expected: String) {
        #expect(Base32.encode(Array(input.utf8)) == expected)
    }

    @Test("a 20-byte SHA-1 digest encodes to 32 characters without padding")
    func sha1SizedInput() {
        let encoded = Base32.encode([UInt8](repeating: 0xFF, count: 20))
        #expect(encoded == String(repeating: "7", count: 32))
    }
}
