/// The attributes of one tag as the crawl's tag scanner found them: where the value of each attribute a collector
/// reads lies in the page (the first of repeated ones), decoded on demand. Other attributes are skipped, so a tag with
/// a million attributes costs no memory.
struct ScannedAttributes: HTMLAttributeReading {
    /// The attributes `PageFacts` reads.
    enum Name: Int, CaseIterable {
        case href, src, rel, content, name, httpEquiv, lang

        /// The name for its lower-cased bytes, packed as `ScannedName` packs them.
        static func named(_ packed: UInt64) -> Name? {
            packedNames.firstIndex(of: packed).flatMap(Name.init(rawValue:))
        }

        /// Each name packed, in case order.
        private static let packedNames: [UInt64] = {
            let names: [StaticString] = ["href", "src", "rel", "content", "name", "http-equiv", "lang"]
            return names.map { ScannedName.pack($0) }
        }()
    }

    /// A value's place in the page: empty for a bare attribute.
    struct Value {
        var range: Range<Int>
        /// Whether it holds a `&` (and so may need decoding).
        var hasReference: Bool
    }

    let page: UnsafeBufferPointer<UInt8>
    private static let maxDecodedBytes = 64 << 10
    private var values: [Value?] = Array(repeating: nil, count: Name.allCases.count)

    init(page: UnsafeBufferPointer<UInt8>) {
        self.page = page
    }

    /// Forgets the previous tag's attributes.
    mutating func reset() {
        for index in values.indices { values[index] = nil }
    }

    /// Records `value` for `name` unless the tag had it already.
    mutating func record(_ name: Name, _ value: Value) {
        if values[name.rawValue] == nil { values[name.rawValue] = value }
    }

    func withValue<Result>(_ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        guard let key = Name.named(ScannedName.pack(name)), let value = values[key.rawValue] else { return nil }
        let raw = UnsafeBufferPointer(rebasing: page[value.range])
        // A value longer than any URL or meta directive Trawl reads is passed as it stands: decoding it would cost
        // time and memory for something every reader refuses by its length anyway.
        guard value.hasReference, raw.count <= Self.maxDecodedBytes else { return body(raw) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(raw.count)
        CharacterReferences.decode(raw, into: &decoded)
        return decoded.withUnsafeBufferPointer(body)
    }
}
