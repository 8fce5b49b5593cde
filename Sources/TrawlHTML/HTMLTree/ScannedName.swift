/// Element and attribute names as the tag scanner compares them: lower-cased ASCII packed into a `UInt64`, exact for
/// names of up to seven bytes (every name the collectors look for but `http-equiv`, which is matched on its first
/// seven bytes and its length), the length in the top byte so that no name packs like a shorter one.
enum ScannedName {
    /// Packs up to seven lower-cased bytes of `name`, with its length (capped at 255) in the top byte.
    static func pack(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt64 {
        var packed: UInt64 = 0
        var shift: UInt64 = 0
        var index = start
        while index < end, shift < 56 {
            var byte = bytes[index]
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte |= 0x20 }
            packed |= UInt64(byte) << shift
            shift += 8
            index += 1
        }
        return packed | UInt64(min(end - start, 255)) << 56
    }

    /// Packs a lower-case literal.
    static func pack(_ literal: StaticString) -> UInt64 {
        pack(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount), from: 0,
             to: literal.utf8CodeUnitCount)
    }
}
