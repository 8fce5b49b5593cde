/// The WHATWG "prescan a byte stream to determine its encoding": a byte scan of the first 1024 bytes for
/// `<meta charset>` or `<meta http-equiv=content-type content="...charset=...">`, skipping comments and the
/// attributes of other tags so that a quoted `<meta` inside them does not count.
struct MetaCharsetPrescan {
    private let bytes: ArraySlice<UInt8>
    private var position: Int

    /// The declared encoding, or nil when none is declared or the label is unknown.
    static func encoding(in head: ArraySlice<UInt8>) -> HTMLEncoding? {
        var scan = MetaCharsetPrescan(bytes: head, position: head.startIndex)
        return scan.run()
    }

    private mutating func run() -> HTMLEncoding? {
        while position < bytes.endIndex {
            if matches("<!--") {
                skipComment()
            } else if matchesCaseInsensitive("<meta"), position + 5 < bytes.endIndex,
                      bytes[position + 5].isSpaceOrSlash {
                position += 6
                if let encoding = metaEncoding() { return encoding }
            } else if matches("<"), position + 1 < bytes.endIndex,
                      bytes[position + 1].isASCIILetter || (bytes[position + 1] == UInt8(ascii: "/")
                          && position + 2 < bytes.endIndex && bytes[position + 2].isASCIILetter) {
                skipTag()
            } else if matches("<!") || matches("</") || matches("<?") {
                skip(past: UInt8(ascii: ">"))
            } else {
                position += 1
            }
        }
        return nil
    }

    /// Reads the attributes of one `<meta>` and returns its encoding if it declares a usable one.
    private mutating func metaEncoding() -> HTMLEncoding? {
        var seen: Set<[UInt8]> = []
        var gotPragma = false
        var needPragma: Bool?
        var charset: HTMLEncoding?
        var charsetFound = false
        while let (name, value) = nextAttribute() {
            guard seen.insert(name).inserted else { continue }
            switch String(decoding: name, as: UTF8.self) {
            case "http-equiv":
                if String(decoding: value, as: UTF8.self) == "content-type" { gotPragma = true }
            case "content":
                // Unlike a bad `charset` attribute, an unknown label here leaves later attributes a chance.
                if !charsetFound, let label = Self.charsetParameter(in: value),
                   let encoding = HTMLEncoding(label: label) {
                    charset = encoding
                    charsetFound = true
                    needPragma = true
                }
            case "charset":
                charset = HTMLEncoding(label: String(decoding: value, as: UTF8.self))
                charsetFound = true
                needPragma = false
            default:
                break
            }
        }
        guard let needPragma, !(needPragma && !gotPragma), let charset else { return nil }
        // A meta tag readable as ASCII cannot be in UTF-16, so the declaration must be a mistake for UTF-8.
        if charset == .utf16LE || charset == .utf16BE { return .utf8 }
        return charset
    }

    /// The WHATWG "get an attribute" step: name and value lower-cased; nil at `>` or the end of input.
    private mutating func nextAttribute() -> (name: [UInt8], value: [UInt8])? {
        while position < bytes.endIndex, bytes[position].isSpaceOrSlash { position += 1 }
        guard position < bytes.endIndex, bytes[position] != UInt8(ascii: ">") else { return nil }
        var name: [UInt8] = []
        var value: [UInt8] = []
        nameLoop: while position < bytes.endIndex {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "=") where !name.isEmpty:
                position += 1
                break nameLoop
            case _ where byte.isASCIIWhitespace:
                while position < bytes.endIndex, bytes[position].isASCIIWhitespace { position += 1 }
                guard position < bytes.endIndex else { return nil }
                guard bytes[position] == UInt8(ascii: "=") else { return (name, value) }
                position += 1
                break nameLoop
            case UInt8(ascii: "/"), UInt8(ascii: ">"):
                return (name, value)
            default:
                name.append(byte.asciiLowercased)
                position += 1
            }
        }
        while position < bytes.endIndex, bytes[position].isASCIIWhitespace { position += 1 }
        guard position < bytes.endIndex else { return nil }
        let first = bytes[position]
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            position += 1
            while position < bytes.endIndex {
                let byte = bytes[position]
                position += 1
                if byte == first { return (name, value) }
                value.append(byte.asciiLowercased)
            }
            return nil
        }
        if first == UInt8(ascii: ">") { return (name, value) }
        while position < bytes.endIndex {
            let byte = bytes[position]
            if byte.isASCIIWhitespace || byte == UInt8(ascii: ">") { return (name, value) }
            value.append(byte.asciiLowercased)
            position += 1
        }
        return nil
    }

    /// The WHATWG "extracting a character encoding from a meta element": the `charset=` parameter of a
    /// `content` value such as `text/html; charset="shift_jis"`.
    static func charsetParameter(in content: [UInt8]) -> String? {
        let keyword = Array("charset".utf8)
        var index = 0
        while index + keyword.count <= content.count {
            guard content[index..<index + keyword.count].elementsEqual(keyword, by: { $0.asciiLowercased == $1 })
            else {
                index += 1
                continue
            }
            index += keyword.count
            while index < content.count, content[index].isASCIIWhitespace { index += 1 }
            guard index < content.count, content[index] == UInt8(ascii: "=") else { continue }
            index += 1
            while index < content.count, content[index].isASCIIWhitespace { index += 1 }
            guard index < content.count else { return nil }
            let quote = content[index]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                guard let end = content[(index + 1)...].firstIndex(of: quote) else { return nil }
                return String(decoding: content[(index + 1)..<end], as: UTF8.self)
            }
            let end = content[index...].firstIndex { $0.isASCIIWhitespace || $0 == UInt8(ascii: ";") }
            return String(decoding: content[index..<(end ?? content.count)], as: UTF8.self)
        }
        return nil
    }

    private mutating func skipComment() {
        // "<!-->" closes itself: the dashes of the opening may end it.
        var index = position + 2
        while index + 2 < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == UInt8(ascii: "-"),
               bytes[index + 2] == UInt8(ascii: ">") {
                position = index + 3
                return
            }
            index += 1
        }
        position = bytes.endIndex
    }

    private mutating func skipTag() {
        while position < bytes.endIndex, !bytes[position].isASCIIWhitespace, bytes[position] != UInt8(ascii: ">") {
            position += 1
        }
        while nextAttribute() != nil {}
        if position < bytes.endIndex { position += 1 }
    }

    private mutating func skip(past byte: UInt8) {
        position = (bytes[position...].firstIndex(of: byte) ?? bytes.endIndex - 1) + 1
    }

    private func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.endIndex else { return false }
        return UnsafeBufferPointer(start: literal.utf8Start, count: count)
            .elementsEqual(bytes[position..<position + count])
    }

    private func matchesCaseInsensitive(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.endIndex else { return false }
        return UnsafeBufferPointer(start: literal.utf8Start, count: count)
            .elementsEqual(bytes[position..<position + count]) { $0 == $1.asciiLowercased }
    }
}

extension UInt8 {
    /// TAB, LF, FF, CR or SPACE.
    var isASCIIWhitespace: Bool {
        self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0C || self == 0x0D
    }

    var isASCIILetter: Bool {
        (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self)
    }

    var asciiLowercased: UInt8 {
        (0x41...0x5A).contains(self) ? self + 0x20 : self
    }

    fileprivate var isSpaceOrSlash: Bool {
        isASCIIWhitespace || self == UInt8(ascii: "/")
    }
}
