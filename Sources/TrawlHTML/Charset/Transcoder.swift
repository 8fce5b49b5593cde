#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns page bytes into valid UTF-8, replacing undecodable sequences with U+FFFD as browsers do.
///
/// Trawl decodes before libxml2 sees the page because libxml2 2.9 stops the whole document at the first byte its
/// converter rejects (e.g. 0x81 in windows-1252 via iconv) and prints the error to stderr despite NOERROR.
enum Transcoder {
    /// UTF-8 for `bytes` (BOM already removed) read as `encoding`; valid UTF-8 input is returned without copying.
    static func utf8(from bytes: ArraySlice<UInt8>, encoding: HTMLEncoding) -> [UInt8] {
        switch encoding.decoder {
        case .utf8:
            let isValid = bytes.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) != nil }
            return isValid ? Array(bytes) : Array(String(decoding: bytes, as: UTF8.self).utf8)
        case .utf16LE:
            return utf16(bytes, bigEndian: false)
        case .utf16BE:
            return utf16(bytes, bigEndian: true)
        case .windows1252:
            return windows1252(bytes)
        case .iconv(let converter):
            return decodeWithIconv(bytes, from: converter) ?? windows1252(bytes)
        }
    }

    private static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]

    private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        let pairs = stride(from: bytes.startIndex, to: bytes.endIndex - 1, by: 2).lazy.map { index -> UInt16 in
            let first = UInt16(bytes[index]), second = UInt16(bytes[index + 1])
            return bigEndian ? first << 8 | second : second << 8 | first
        }
        _ = transcode(pairs.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: false) {
            output.append($0)
        }
        if bytes.count % 2 == 1 { output += replacementCharacter }
        return output
    }

    /// windows-1252 differs from Latin-1 only in 0x80-0x9F; the five bytes Windows leaves undefined map to the
    /// C1 controls, as in the WHATWG index.
    private static let windows1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    private static func windows1252(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            let scalar = (0x80...0x9F).contains(byte) ? windows1252High[Int(byte - 0x80)] : UInt16(byte)
            switch scalar {
            case 0..<0x80:
                output.append(UInt8(scalar))
            case 0x80..<0x800:
                output.append(UInt8(0xC0 | scalar >> 6))
                output.append(UInt8(0x80 | scalar & 0x3F))
            default:
                output.append(UInt8(0xE0 | scalar >> 12))
                output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
                output.append(UInt8(0x80 | scalar & 0x3F))
            }
        }
        return output
    }

    /// Converts with iconv, skipping one byte per invalid sequence; nil if the converter cannot be opened.
    private static func decodeWithIconv(_ bytes: ArraySlice<UInt8>, from converter: String) -> [UInt8]? {
        let descriptor = iconv_open("UTF-8", converter)
        guard Int(bitPattern: descriptor) != -1 else { return nil }
        defer { iconv_close(descriptor) }

        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 3 / 2 + 16)
        let chunkSize = 16 * 1024
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: chunkSize) { chunk in
            bytes.withUnsafeBufferPointer { input in
                guard let base = input.baseAddress else { return }
                // iconv never writes through the input pointer; its C signature just lacks the const.
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = input.count
                while inLeft > 0 {
                    var outPointer = chunk.baseAddress
                    var outLeft = chunkSize
                    let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    let produced = UnsafeRawBufferPointer(start: chunk.baseAddress, count: chunkSize - outLeft)
                    output.append(contentsOf: produced)
                    guard result == -1 else { continue }
                    switch errno {
                    case E2BIG:
                        continue
                    case EILSEQ:
                        output += replacementCharacter
                        inPointer = inPointer.map { $0 + 1 }
                        inLeft -= 1
                    default:
                        // EINVAL: the input ends inside a multibyte sequence.
                        output += replacementCharacter
                        inLeft = 0
                    }
                }
            }
        }
        return output
    }
}
