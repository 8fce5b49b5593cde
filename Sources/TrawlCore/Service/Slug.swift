/// The short names tenants and embedding providers go by: 1 to 64 of `A-Z a-z 0-9 . _ -`. Plain ASCII, so a name
/// is safe in a header, a path, a log line and a metric label as it is.
public enum Slug {
    /// Whether `text` is a valid short name.
    public static func isValid(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count) && text.utf8.allSatisfy(isNameByte)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }
}
