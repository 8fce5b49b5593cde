extension XMLNode {
    /// The text of a `<pre>` exactly as shown: whitespace kept, `<br>` as a line break, markup inside (syntax
    /// highlighting spans) flattened; the line break right after the start tag and trailing blank space dropped.
    var preformattedText: String {
        var bytes: [UInt8] = []
        walk { node in
            if node.isText {
                node.withText { bytes.append(contentsOf: $0) }
                return false
            }
            guard node.isElement else { return false }
            let kind = ElementKind(name: node.name)
            if kind == .lineBreak { bytes.append(0x0A) }
            return node == self || !kind.isOpaque
        }
        var text = String(decoding: bytes, as: UTF8.self).replacing("\r\n", with: "\n")
        if text.hasPrefix("\n") { text.removeFirst() }
        while let last = text.unicodeScalars.last, last.properties.isWhitespace { text.unicodeScalars.removeLast() }
        return text
    }

    /// The language of a code block from `class="language-x"` (or `lang-x`) on the `<pre>` or its `<code>`.
    var codeLanguage: String? {
        var candidates = [self]
        var child = firstChild
        while let node = child {
            if node.isElement {
                candidates.append(node)
                break
            }
            child = node.nextSibling
        }
        for node in candidates {
            for token in (node.attribute("class") ?? "").split(whereSeparator: \.isWhitespace) {
                for prefix in ["language-", "lang-"] where token.lowercased().hasPrefix(prefix) {
                    let name = token.dropFirst(prefix.count)
                        .filter { $0.isLetter || $0.isNumber || "+#._-".contains($0) }
                    if !name.isEmpty { return String(name).lowercased() }
                }
            }
        }
        return nil
    }
}
