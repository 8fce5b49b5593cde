/// One WARC/1.1 record ready to serialise: named fields, then a block whose length and digest are derived.
struct WARCRecord {
    /// Named fields in output order, excluding WARC-Block-Digest and Content-Length, which come from `block`.
    var fields: [(name: String, value: String)]
    /// The block as consecutive byte runs, kept apart so a large body is copied only once, into the record.
    var block: [[UInt8]]

    /// The number of bytes in the block.
    var blockLength: Int { block.reduce(0) { $0 + $1.count } }

    /// The record exactly as it goes into a `.warc` file, trailing CRLFCRLF included.
    func serialized() -> [UInt8] {
        var head = "WARC/1.1\r\n"
        for field in fields {
            head += "\(field.name): \(field.value)\r\n"
        }
        let length = blockLength
        head += "WARC-Block-Digest: \(WARCDigest.sha1(of: block))\r\n"
        head += "Content-Length: \(length)\r\n\r\n"

        var bytes: [UInt8] = []
        bytes.reserveCapacity(head.utf8.count + length + 4)
        bytes.append(contentsOf: head.utf8)
        for part in block {
            bytes.append(contentsOf: part)
        }
        bytes.append(contentsOf: "\r\n\r\n".utf8)
        return bytes
    }
}
