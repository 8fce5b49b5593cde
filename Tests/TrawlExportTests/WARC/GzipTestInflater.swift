import CZlib

/// Splits a `.warc.gz` into its gzip members and inflates each, independently of the writer's code.
enum GzipTestInflater {
    /// A zlib failure while inflating.
    struct Failure: Error {
        var code: Int32
    }

    /// The decompressed content of every gzip member in `bytes`, in order.
    static func members(of bytes: [UInt8]) throws -> [[UInt8]] {
        var members: [[UInt8]] = []
        var consumed = 0
        while consumed < bytes.count {
            let (member, used) = try inflateMember(Array(bytes[consumed...]))
            members.append(member)
            consumed += used
        }
        return members
    }

    /// Inflates the member at the start of `bytes`; returns its content and the compressed size.
    private static func inflateMember(_ bytes: [UInt8]) throws -> ([UInt8], Int) {
        var stream = z_stream()
        // windowBits 15 + 16: gzip only, so a missing gzip header is an error rather than auto-detected.
        var code = czlib_inflate_init2(&stream, 15 + 16)
        guard code == Z_OK else { throw Failure(code: code) }
        defer { inflateEnd(&stream) }
        var compressed = bytes
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let used: Int = compressed.withUnsafeMutableBufferPointer { input in
            chunk.withUnsafeMutableBufferPointer { chunk in
                stream.next_in = input.baseAddress
                stream.avail_in = UInt32(input.count)
                repeat {
                    stream.next_out = chunk.baseAddress
                    stream.avail_out = UInt32(chunk.count)
                    code = inflate(&stream, Z_NO_FLUSH)
                    output += chunk[..<(chunk.count - Int(stream.avail_out))]
                } while code == Z_OK
                return input.count - Int(stream.avail_in)
            }
        }
        guard code == Z_STREAM_END else { throw Failure(code: code) }
        return (output, used)
    }
}
