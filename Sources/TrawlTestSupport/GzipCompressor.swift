import CZlib

/// One-shot gzip compression with zlib.
enum GzipCompressor {
    /// Windowbits 15 + 16 asks zlib for a gzip header and trailer instead of a zlib wrapper.
    private static let gzipWindowBits: Int32 = 15 + 16

    /// The gzip member (RFC 1952) holding `input`.
    static func compress(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        let initialized = czlib_deflate_init2(
            &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, gzipWindowBits, 8, Z_DEFAULT_STRATEGY
        )
        // Only out-of-memory or a broken zlib can fail here; no caller could recover from either.
        precondition(initialized == Z_OK, "zlib deflateInit2 failed (\(initialized))")
        defer { deflateEnd(&stream) }

        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 64)
        var input = input
        let status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                // deflateBound guarantees room for the whole stream, so one Z_FINISH call completes it.
                return deflate(&stream, Z_FINISH)
            }
        }
        precondition(status == Z_STREAM_END, "zlib deflate did not finish (\(status))")
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }
}
