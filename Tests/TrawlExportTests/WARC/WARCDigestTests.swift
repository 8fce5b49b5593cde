import Testing
@testable import TrawlExport

struct WARCDigestTests {
    @Test("known SHA-1 digests in the sha1:BASE32 form warcio and pywb expect")
    func knownDigests() {
        #expect(WARCDigest.sha1(of: []) == "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ")
        #expect(WARCDigest.sha1(of: [Array("abc".utf8)]) == "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5")
    }

    @Test("byte runs are digested as one contiguous sequence")
    func partsConcatenate() {
        let whole = WARCDigest.sha1(of: [Array("hello, world".utf8)])
        let split = WARCDigest.sha1(of: [Array("hello".utf8), [], Array(", world".utf8)])
        #expect(split == whole)
    }
}
