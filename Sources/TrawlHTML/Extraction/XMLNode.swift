import CLibXML2

/// A borrowed libxml2 node: valid only while its `HTMLDocument` lives, and never handed out of the extraction code.
struct XMLNode: Hashable {
    let pointer: xmlNodePtr

    init(_ pointer: xmlNodePtr) {
        self.pointer = pointer
    }

    init?(_ pointer: xmlNodePtr?) {
        guard let pointer else { return nil }
        self.pointer = pointer
    }

    var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { pointer.pointee.type == XML_TEXT_NODE }

    var parent: XMLNode? {
        guard let parent = pointer.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return XMLNode(parent)
    }

    var firstChild: XMLNode? { XMLNode(pointer.pointee.children) }
    var nextSibling: XMLNode? { XMLNode(pointer.pointee.next) }

    /// The element name, lower-cased by the HTML parser; "" for other nodes.
    var name: String {
        guard isElement, let name = pointer.pointee.name else { return "" }
        return String(cString: name)
    }

    /// Whether the element is named `literal` (lower-case ASCII), without building a String.
    func isNamed(_ literal: StaticString) -> Bool {
        isElement && xmlNameEquals(pointer.pointee.name, literal)
    }

    /// A text node's UTF-8 content, entities already decoded; empty for other nodes.
    func withText<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        guard isText, let content = pointer.pointee.content else {
            return body(UnsafeBufferPointer(start: nil, count: 0))
        }
        return body(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
    }

    /// The value of an attribute (empty when bare); nil when absent. Walks `properties` to avoid allocating copies.
    func attribute(_ name: StaticString) -> String? {
        guard isElement else { return nil }
        var attribute = pointer.pointee.properties
        while let current = attribute {
            if xmlNameEquals(current.pointee.name, name) {
                var value = ""
                var child = current.pointee.children
                while let text = child {
                    if let content = text.pointee.content { value += String(cString: content) }
                    child = text.pointee.next
                }
                return value
            }
            attribute = current.pointee.next
        }
        return nil
    }

    /// The attribute's value trimmed of ASCII whitespace; nil when absent or blank.
    func trimmedAttribute(_ name: StaticString) -> String? {
        guard let value = attribute(name) else { return nil }
        let trimmed = value.trimmingASCIIWhitespace()
        return trimmed.isEmpty ? nil : String(trimmed)
    }
}
