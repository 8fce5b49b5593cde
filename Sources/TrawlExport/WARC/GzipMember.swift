import CZlib

/// Compresses bytes into one complete gzip member (RFC 1952); members concatenate into a `.warc.gz`.
enum GzipMember {
    /// Output is produced in pieces of this size, so memory follows the compressed size, not a bound.
    private static let chunkSize = 64 * 1024

    /// One gzip member holding `bytes`.
    static func compress(_ bytes: [UInt8], level: Int32 = Z_DEFAULT_COMPRESSION) throws(WARCError) -> [UInt8] {
        var stream = z_stream()
        // windowBits 15 + 16 asks zlib for a gzip header and trailer instead of the zlib wrapper.
        let initCode = czlib_deflate_init2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY)
        guard initCode == Z_OK else { throw .compressionFailed(zlibCode: initCode) }
        defer { deflateEnd(&stream) }

        var output: [UInt8] = []
        var scratch = [UInt8](repeating: 0, count: chunkSize)
        let finalCode: Int32 = bytes.withUnsafeBufferPointer { input in
            scratch.withUnsafeMutableBufferPointer { scratch in
                // zlib's API is not const-correct; it never writes through next_in.
                stream.next_in = input.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
                var remaining = input.count
                while true {
                    if stream.avail_in == 0 && remaining > 0 {
                        // avail_in is 32-bit, so hand over at most UInt32.max bytes at a time;
                        // next_in has already advanced to the first byte not yet consumed.
                        let feed = min(remaining, Int(UInt32.max))
                        stream.avail_in = UInt32(feed)
                        remaining -= feed
                    }
                    stream.next_out = scratch.baseAddress
                    stream.avail_out = UInt32(scratch.count)
                    let code = deflate(&stream, remaining == 0 ? Z_FINISH : Z_NO_FLUSH)
                    output.append(contentsOf: scratch[..<(scratch.count - Int(stream.avail_out))])
                    if code == Z_STREAM_END { return Z_OK }
                    // Z_BUF_ERROR only means "no progress this call"; fresh output space is given each time.
                    if code != Z_OK && code != Z_BUF_ERROR { return code }
                }
            }
        }
        guard finalCode == Z_OK else { throw .compressionFailed(zlibCode: finalCode) }
        return output
    }
}
