/// A document as Unicode scalars (what chunk offsets count) with its UTF-8 bytes beside them, so that the text of
/// any scalar range becomes a String by copying bytes rather than appending scalar by scalar.
struct ScalarText {
    let scalars: [Unicode.Scalar]
    private let utf8: [UInt8]
    /// The UTF-8 offset of each scalar, plus the total length at the end.
    private let offsets: [Int]

    init(_ string: String) {
        scalars = Array(string.unicodeScalars)
        utf8 = Array(string.utf8)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        self.offsets = offsets
    }

    var count: Int { scalars.count }

    /// The text of scalars `range`.
    func string(_ range: Range<Int>) -> String {
        String(decoding: utf8[offsets[range.lowerBound]..<offsets[range.upperBound]], as: UTF8.self)
    }
}
