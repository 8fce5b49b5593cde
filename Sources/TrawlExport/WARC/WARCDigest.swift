import Crypto

/// The `sha1:<BASE32>` labelled digests written in WARC-Block-Digest and WARC-Payload-Digest.
enum WARCDigest {
    /// The labelled SHA-1 digest of byte runs taken as one contiguous sequence.
    static func sha1(of parts: [[UInt8]]) -> String {
        var hasher = Insecure.SHA1()
        for part in parts {
            hasher.update(data: part)
        }
        return "sha1:" + Base32.encode(Array(hasher.finalize()))
    }
}
