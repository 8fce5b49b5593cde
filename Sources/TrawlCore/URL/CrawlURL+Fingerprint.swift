extension CrawlURL {
    /// A stable 64-bit hash of `string`, identical across processes and runs (it is persisted).
    ///
    /// FNV-1a 64 over the UTF-8 bytes, finished with MurmurHash3's fmix64 so that every output bit
    /// depends on every input bit (FNV alone leaves the low bits weak for sharding by `% n`).
    /// Changing this function invalidates every stored fingerprint: the tests pin known values.
    public var fingerprint: UInt64 {
        let hash =
            string.utf8.withContiguousStorageIfAvailable(Self.fnv1a64)
            ?? Self.fnv1a64(Array(string.utf8))
        return Self.fmix64(hash)
    }

    private static func fnv1a64<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    private static func fmix64(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k >> 33
        k &*= 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k &*= 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }
}
