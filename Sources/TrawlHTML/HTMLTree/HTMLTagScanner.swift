import TrawlCore

/// The crawl's parse: one forward pass over a page's tags that gathers what the crawl needs (links, base,
/// canonical, meta robots and refresh, `<html lang>`, the title) without building elements, a tree or visible text.
///
/// libxml2's SAX parser did this job first; a profile of the 100k-page benchmark put a quarter of the crawl's user
/// CPU in it, for a result that needs a handful of tags. The scanner reads tags as libxml2's HTML parser does
/// (names and attribute syntax, character references through `CharacterReferences`, comments, `<script>` and
/// `<style>` bodies up to their own end tag, quoted values running to their closing quote), so both give the same
/// answer on the pages `HTMLTagScannerTests` compares them on; it skips what only the tree needs (implied and
/// auto-closed elements), and so it never does more than a constant amount of work per byte: no input can make it
/// quadratic. The text pipeline still parses with libxml2 (`LibXMLContentExtractor`).
///
/// The budget still holds: elements are counted, and the clock read every few hundred tags.
struct HTMLTagScanner {
    private let page: UnsafeBufferPointer<UInt8>
    private var facts: PageFacts
    private var attributes: ScannedAttributes
    private let meter: ParseMeter
    private var index = 0
    /// Set while inside the page's title element.
    private var titleText: VisibleTextBuilder?
    private var title: String?
    private var titleSeen = false
    private var svgDepth = 0
    private var sawHTML = false

    /// Scans UTF-8 bytes and returns what they say, with the limit that stopped the scan early, if one did.
    static func scan(_ utf8: UnsafeBufferPointer<UInt8>, productToken: String, budget: ParseBudget,
                     charset: String) -> ParsedHTML {
        var scanner = HTMLTagScanner(page: utf8, productToken: productToken, budget: budget)
        scanner.run()
        var result = scanner.facts.result(title: scanner.titleText.map { $0.isEmpty ? nil : $0.text } ?? scanner.title,
                                          text: "", charset: charset)
        result.exceeded = scanner.meter.exceeded
        return result
    }

    private init(page: UnsafeBufferPointer<UInt8>, productToken: String, budget: ParseBudget) {
        self.page = page
        facts = PageFacts(productToken: productToken)
        attributes = ScannedAttributes(page: page)
        meter = ParseMeter(budget: budget)
    }

    private static let less = UInt8(ascii: "<"), greater = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
    private static let bang = UInt8(ascii: "!"), question = UInt8(ascii: "?"), dash = UInt8(ascii: "-")
    private static let equals = UInt8(ascii: "="), doubleQuote = UInt8(ascii: "\""), singleQuote = UInt8(ascii: "'")

    /// Bytes scanned between two looks at the budget's clock, whatever the markup: text and attribute values are
    /// scanned without a tag event, which is when the meter otherwise looks.
    private static let clockStride = 64 << 10
    /// Title text kept: a title is a line, and a page-sized one is a page built to cost memory.
    private static let maxTitleBytes = 64 << 10
    private var titleBytes = 0

    private mutating func run() {
        let count = page.count
        var nextClock = Self.clockStride
        while index < count {
            if index >= nextClock {
                guard meter.checkTime() else { return }
                nextClock = index + Self.clockStride
            }
            // Text up to the next `<`: only a title's matters. The clock is read at every stride boundary inside it.
            let textStart = index
            while true {
                let limit = min(count, nextClock)
                while index < limit, page[index] != Self.less { index += 1 }
                guard index == limit, index < count else { break }
                guard meter.checkTime() else { return }
                nextClock = index + Self.clockStride
            }
            if titleText != nil, index > textStart { appendTitle(textStart..<index) }
            guard index + 1 < count else {
                if index < count, titleText != nil { appendTitle(index..<count) }
                return
            }
            let next = page[index + 1]
            if next.isASCIILetter {
                guard startTag() else { return }
            } else if next == Self.slash, index + 2 < count, Self.isNameStart(page[index + 2]) {
                endTag()
            } else if next == Self.bang, index + 3 < count, page[index + 2] == Self.dash, page[index + 3] == Self.dash {
                skipComment()
            } else if next == Self.bang, startsDoctype(at: index + 2) {
                skip(past: Self.greater, from: index + 2)
            } else if next == Self.question {
                skip(past: Self.greater, from: index + 2)
            } else {
                // A `<` that starts nothing is text.
                if titleText != nil { appendTitle(index..<(index + 1)) }
                index += 1
            }
        }
    }

    // MARK: Tags

    /// Reads the start tag at `index`; false when the budget ran out.
    private mutating func startTag() -> Bool {
        let nameStart = index + 1
        let nameEnd = nameEnd(from: nameStart)
        let name = ScannedName.pack(page, from: nameStart, to: nameEnd)
        let role = Self.roles[name]
        index = nameEnd
        let recording = role?.readsAttributes ?? false
        if recording { attributes.reset() }
        let closesItself = readAttributes(recording: recording)
        guard meter.element() else { return false }
        guard let role else { return true }
        switch role {
        case .facts(let kind):
            if kind == .html {
                // Only the first `<html>` is the root; libxml2 drops the attributes of any later one.
                guard !sawHTML else { return true }
                sawHTML = true
            }
            facts.take(kind, attributes)
        case .title:
            // The first title outside SVG (where <title> is a tooltip) names the page, even when blank or `<title/>`.
            if !titleSeen, svgDepth == 0 {
                titleSeen = true
                if !closesItself { titleText = VisibleTextBuilder() }
            }
        case .svg:
            if !closesItself { svgDepth += 1 }
        case .rawText(let endName):
            if !closesItself { skipRawText(until: endName) }
        case .endsHead:
            endTitle()
        }
        return true
    }

    /// Reads the end tag at `index`.
    private mutating func endTag() {
        let nameStart = index + 2
        let nameEnd = nameEnd(from: nameStart)
        let name = ScannedName.pack(page, from: nameStart, to: nameEnd)
        skip(past: Self.greater, from: nameEnd)
        switch Self.roles[name] {
        case .title?, .endsHead?: endTitle()
        case .svg?: svgDepth = max(0, svgDepth - 1)
        case .facts(.html)?: endTitle()
        default: break
        }
    }

    /// Reads attributes up to the tag's `>` (recording those a collector reads when `recording`), leaving `index`
    /// after it; returns whether the tag ended with `/>`.
    private mutating func readAttributes(recording: Bool) -> Bool {
        let count = page.count
        while index < count {
            let byte = page[index]
            if byte == Self.greater {
                index += 1
                return false
            }
            if byte == Self.slash, index + 1 < count, page[index + 1] == Self.greater {
                index += 2
                return true
            }
            if Self.isBlank(byte) {
                index += 1
                continue
            }
            guard Self.isNameStart(byte) else {
                // Not an attribute name: skipped up to the next blank or the end of the tag, as libxml2 skips it.
                while index < count, !Self.isBlank(page[index]), page[index] != Self.greater,
                      !(page[index] == Self.slash && index + 1 < count && page[index + 1] == Self.greater) {
                    index += 1
                }
                continue
            }
            let nameStart = index
            let nameEnd = nameEnd(from: nameStart)
            index = nameEnd
            while index < count, Self.isBlank(page[index]) { index += 1 }
            var value = ScannedAttributes.Value(range: index..<index, hasReference: false)
            if index < count, page[index] == Self.equals {
                index += 1
                while index < count, Self.isBlank(page[index]) { index += 1 }
                value = readValue()
            }
            if recording, let known = ScannedAttributes.Name.named(ScannedName.pack(page, from: nameStart, to: nameEnd)) {
                attributes.record(known, value)
            }
        }
        return false
    }

    /// Reads a value at `index`: quoted (to its closing quote, wherever that is) or bare (to a blank or `>`).
    private mutating func readValue() -> ScannedAttributes.Value {
        let count = page.count
        var hasReference = false
        if index < count, page[index] == Self.doubleQuote || page[index] == Self.singleQuote {
            let quote = page[index]
            let start = index + 1
            index = start
            while index < count, page[index] != quote {
                if page[index] == UInt8(ascii: "&") { hasReference = true }
                index += 1
            }
            let value = ScannedAttributes.Value(range: start..<index, hasReference: hasReference)
            if index < count { index += 1 }
            return value
        }
        let start = index
        while index < count, !Self.isBlank(page[index]), page[index] != Self.greater {
            if page[index] == UInt8(ascii: "&") { hasReference = true }
            index += 1
        }
        return ScannedAttributes.Value(range: start..<index, hasReference: hasReference)
    }

    /// Where a name starting at `start` ends: letters, digits, `:`, `-`, `_` and `.` (libxml2's HTML names).
    private func nameEnd(from start: Int) -> Int {
        var end = start
        while end < page.count, Self.isNameByte(page[end]) { end += 1 }
        return end
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == dash
    }

    /// libxml2's blanks inside a tag: space, tab, LF and CR (not form feed, which HTML5 adds).
    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        byte.isASCIILetter || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
    }

    // MARK: Skipping

    /// Moves past the first `>` at or after `start` (to the end when there is none).
    private mutating func skip(past byte: UInt8, from start: Int) {
        index = start
        while index < page.count, page[index] != byte { index += 1 }
        index = min(index + 1, page.count)
    }

    /// Moves past the comment at `index`, ending at `-->` or `--!>` (or at the end of the page), as libxml2 ends one.
    private mutating func skipComment() {
        let count = page.count
        index += 4
        while index + 2 < count {
            if page[index] == Self.dash, page[index + 1] == Self.dash {
                if page[index + 2] == Self.greater {
                    index += 3
                    return
                }
                if page[index + 2] == Self.bang, index + 3 < count, page[index + 3] == Self.greater {
                    index += 4
                    return
                }
            }
            index += 1
        }
        index = count
    }

    /// Whether `DOCTYPE` (in any case) starts at `start`: the one `<!` besides a comment that libxml2 reads as markup;
    /// any other `<!` is text to it, and what follows is parsed as usual.
    private func startsDoctype(at start: Int) -> Bool {
        let word: StaticString = "doctype"
        guard start + word.utf8CodeUnitCount <= page.count else { return false }
        let letters = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        return letters.indices.allSatisfy { page[start + $0] | 0x20 == letters[$0] }
    }

    /// Moves to the end tag named `name` (case-insensitive, as libxml2 ends `<script>` and `<style>`), leaving
    /// `index` on its `<`; to the end of the page when there is none.
    private mutating func skipRawText(until name: StaticString) {
        let count = page.count
        let length = name.utf8CodeUnitCount
        let letters = UnsafeBufferPointer(start: name.utf8Start, count: length)
        while index + 1 < count {
            if page[index] == Self.less, page[index + 1] == Self.slash, index + 2 + length <= count {
                var matches = true
                for offset in 0..<length where page[index + 2 + offset] | 0x20 != letters[offset] {
                    matches = false
                    break
                }
                // `</scripts>` is not `</script>`: libxml2 drops it and stays inside.
                if matches, index + 2 + length == count || !Self.isNameByte(page[index + 2 + length]) { return }
            }
            index += 1
        }
        index = count
    }

    // MARK: The title

    private mutating func appendTitle(_ range: Range<Int>) {
        let kept = min(range.count, Self.maxTitleBytes - titleBytes)
        guard kept > 0 else { return }
        titleBytes += kept
        let raw = UnsafeBufferPointer(rebasing: page[range.lowerBound..<(range.lowerBound + kept)])
        guard raw.contains(UInt8(ascii: "&")) else {
            titleText?.append(raw)
            return
        }
        var decoded: [UInt8] = []
        CharacterReferences.decode(raw, into: &decoded)
        decoded.withUnsafeBufferPointer { titleText?.append($0) }
    }

    private mutating func endTitle() {
        guard let text = titleText else { return }
        title = text.isEmpty ? nil : text.text
        titleText = nil
    }

    // MARK: Roles

    /// What a tag means to the scanner.
    private enum Role {
        /// A tag whose attributes `PageFacts` reads.
        case facts(HTMLElementRole)
        case title, svg
        /// `<script>` or `<style>`: what follows up to its end tag is not markup.
        case rawText(StaticString)
        /// `<body>`, `</head>`: a title left open ends here, as libxml2 closes it.
        case endsHead

        var readsAttributes: Bool {
            if case .facts = self { true } else { false }
        }
    }

    private static let roles: [UInt64: Role] = {
        let entries: [(StaticString, Role)] = [
            ("a", .facts(.anchor)), ("area", .facts(.area)), ("frame", .facts(.frame)), ("iframe", .facts(.iframe)),
            ("base", .facts(.base)), ("link", .facts(.link)), ("meta", .facts(.meta)), ("html", .facts(.html)),
            ("title", .title), ("svg", .svg), ("script", .rawText("script")), ("style", .rawText("style")),
            ("body", .endsHead), ("head", .endsHead),
        ]
        return Dictionary(uniqueKeysWithValues: entries.map { (ScannedName.pack($0.0), $0.1) })
    }()
}
