import CZlib
import TrawlCore

/// Decompresses gzip data with zlib, refusing to produce more than a size limit (gzip bombs stop there).
enum GzipInflater {
    /// Whether the bytes start with the gzip magic number 1f 8b.
    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// The decompressed bytes of every gzip member in `compressed`; trailing zero padding is tolerated.
    static func inflate(_ compressed: [UInt8], limit: Int) throws(SitemapError) -> [UInt8] {
        var stream = z_stream()
        // 16 + 15: gzip framing only, with the largest window.
        guard czlib_inflate_init2(&stream, 16 + MAX_WBITS) == Z_OK else { throw .corruptGzip }
        defer { inflateEnd(&stream) }

        let chunkSize = 64 * 1024
        var output: [UInt8] = []
        var failure: SitemapError?
        compressed.withUnsafeBufferPointer { input in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: chunkSize) { chunk in
                // zlib never writes through next_in; its C declaration just lacks the const.
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = UInt32(clamping: input.count)
                while true {
                    stream.next_out = chunk.baseAddress
                    stream.avail_out = UInt32(chunkSize)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    let produced = chunkSize - Int(stream.avail_out)
                    guard output.count + produced <= limit else {
                        failure = .tooLarge(limit)
                        return
                    }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[..<produced]))
                    switch status {
                    case Z_OK:
                        continue
                    case Z_STREAM_END:
                        // Concatenated members (as pigz and log rotation write them) form one stream.
                        let rest = UnsafeBufferPointer(start: stream.next_in, count: Int(stream.avail_in))
                        guard rest.count >= 2, rest[0] == 0x1F, rest[1] == 0x8B else {
                            if !rest.allSatisfy({ $0 == 0 }) { failure = .corruptGzip }
                            return
                        }
                        guard inflateReset(&stream) == Z_OK else {
                            failure = .corruptGzip
                            return
                        }
                    default:
                        // Z_BUF_ERROR here means the input ended mid-stream; the rest are data errors.
                        failure = .corruptGzip
                        return
                    }
                }
            }
        }
        if let failure { throw failure }
        return output
    }
}
