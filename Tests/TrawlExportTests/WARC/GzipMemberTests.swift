import Testing
@testable import TrawlExport

struct GzipMemberTests {
    @Test(
        "compressed members inflate back to their input with an independent zlib reader",
        arguments: [0, 1, 100, 70_000, 1_000_000])
    func roundTrip(size: Int) throws {
        // A linear congruential sequence: poorly compressible, so output spans several 64 KiB chunks.
        var state: UInt32 = 12_345
        let input = (0..<size).map { _ -> UInt8 in
            state = state &* 1_103_515_245 &+ 12_345
            return UInt8(truncatingIfNeeded: state >> 16)
        }
        let member = try GzipMember.compress(input)
        #expect(member.prefix(3) == [0x1F, 0x8B, 0x08], "gzip magic and deflate method")
        #expect(try GzipTestInflater.members(of: member) == [input])
    }

    @Test("concatenated members decode as separate members")
    func concatenation() throws {
        let first = Array("first record".utf8)
        let second = Array(repeating: UInt8(ascii: "x"), count: 10_000)
        let joined = try GzipMember.compress(first) + GzipMember.compress(second)
        #expect(try GzipTestInflater.members(of: joined) == [first, second])
    }

    @Test("an invalid compression level surfaces zlib's error code")
    func invalidLevel() {
        #expect(throws: WARCError.compressionFailed(zlibCode: -2)) {
            _ = try GzipMember.compress([1, 2, 3], level: 42)
        }
    }
}
