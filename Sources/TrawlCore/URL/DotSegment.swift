/// A path segment that names a directory rather than a file: "." or "..", also percent-encoded.
enum DotSegment {
    /// ".", "%2e"
    case current
    /// "..", ".%2e", "%2e.", "%2e%2e"
    case parent

    /// Classifies a raw (not yet normalised) segment; nil for an ordinary segment.
    init?(_ segment: UnsafeBufferPointer<UInt8>) {
        switch segment.count {
        case 1 where segment[0] == UInt8(ascii: "."):
            self = .current
        case 2 where segment[0] == UInt8(ascii: ".") && segment[1] == UInt8(ascii: "."):
            self = .parent
        case 3 where Self.isEncodedDot(segment, at: 0):
            self = .current
        case 4 where segment[0] == UInt8(ascii: ".") && Self.isEncodedDot(segment, at: 1),
            4 where Self.isEncodedDot(segment, at: 0) && segment[3] == UInt8(ascii: "."):
            self = .parent
        case 6 where Self.isEncodedDot(segment, at: 0) && Self.isEncodedDot(segment, at: 3):
            self = .parent
        default:
            return nil
        }
    }

    /// Whether "%2e" or "%2E" starts at `index`.
    private static func isEncodedDot(_ segment: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        segment[index] == UInt8(ascii: "%") && segment[index + 1] == UInt8(ascii: "2")
            && segment[index + 2] | 0x20 == UInt8(ascii: "e")
    }
}
