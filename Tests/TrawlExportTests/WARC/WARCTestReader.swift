import Foundation

/// A record parsed back from writer output by the tests' own strict reader.
struct ParsedWARCRecord {
    /// The named fields in file order.
    var fields: [(name: String, value: String)]
    /// The block, exactly Content-Length bytes.
    var block: [UInt8]

    /// The first value of the field called `name` (case-insensitive), if present.
    func field(_ name: String) -> String? {
        fields.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The block up to and including the HTTP head's terminating CRLFCRLF.
    var httpHead: [UInt8] {
        Array(block[..<(WARCTestReader.endOfHead(in: block) ?? block.count)])
    }

    /// The block after the HTTP head: the archived payload.
    var payload: [UInt8] {
        Array(block[(WARCTestReader.endOfHead(in: block) ?? block.count)...])
    }
}

/// A deliberately strict WARC reader for tests: any framing slip fails the parse.
enum WARCTestReader {
    /// A framing problem found at a byte offset.
    struct Failure: Error, CustomStringConvertible {
        var offset: Int
        var message: String
        var description: String { "offset \(offset): \(message)" }
    }

    private static let crlfcrlf: [UInt8] = Array("\r\n\r\n".utf8)

    /// Parses every record in an uncompressed WARC.
    static func records(in bytes: [UInt8]) throws -> [ParsedWARCRecord] {
        var records: [ParsedWARCRecord] = []
        var offset = 0
        while offset < bytes.count {
            let (record, next) = try record(in: bytes, at: offset)
            records.append(record)
            offset = next
        }
        return records
    }

    /// Parses exactly one record that must fill `bytes`.
    static func singleRecord(in bytes: [UInt8]) throws -> ParsedWARCRecord {
        let (record, next) = try record(in: bytes, at: 0)
        guard next == bytes.count else {
            throw Failure(offset: next, message: "\(bytes.count - next) bytes after the record")
        }
        return record
    }

    /// The index just past the first CRLFCRLF in `bytes`, if any.
    static func endOfHead(in bytes: [UInt8], from start: Int = 0) -> Int? {
        guard bytes.count >= start + 4 else { return nil }
        for index in start...(bytes.count - 4) where bytes[index..<(index + 4)].elementsEqual(crlfcrlf) {
            return index + 4
        }
        return nil
    }

    private static func record(in bytes: [UInt8], at offset: Int) throws -> (ParsedWARCRecord, Int) {
        let version = Array("WARC/1.1\r\n".utf8)
        guard bytes[offset...].starts(with: version) else {
            throw Failure(offset: offset, message: "record does not start with WARC/1.1")
        }
        guard let headerEnd = endOfHead(in: bytes, from: offset) else {
            throw Failure(offset: offset, message: "record header never ends")
        }
        let headerText = String(decoding: bytes[(offset + version.count)..<(headerEnd - 4)], as: UTF8.self)
        var fields: [(name: String, value: String)] = []
        for line in headerText.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":"), line[line.index(after: colon)...].hasPrefix(" ") else {
                throw Failure(offset: offset, message: "bad field line \(line.debugDescription)")
            }
            fields.append((String(line[..<colon]), String(line[line.index(colon, offsetBy: 2)...])))
        }
        guard let lengthText = fields.first(where: { $0.name == "Content-Length" })?.value,
            let length = Int(lengthText), length >= 0
        else {
            throw Failure(offset: offset, message: "missing or bad Content-Length")
        }
        let blockEnd = headerEnd + length
        guard blockEnd + 4 <= bytes.count, bytes[blockEnd..<(blockEnd + 4)].elementsEqual(crlfcrlf) else {
            throw Failure(offset: blockEnd, message: "block is not followed by CRLFCRLF")
        }
        return (ParsedWARCRecord(fields: fields, block: Array(bytes[headerEnd..<blockEnd])), blockEnd + 4)
    }
}
