/// A value the stores keep as JSON in one layout of its own: written by `write(to:)`, read by `init(reading:)`. The
/// text forms follow from those two, the same for every such value.
public protocol JSONLayout {
    /// Writes the value as one JSON value.
    func write(to json: inout JSONWriter)
    /// The value read from the layout; a stored value it cannot read is `.corrupt`.
    init(reading value: ConfigValue) throws(StoreError)
    /// What the value is, for the error when its stored text is not JSON ("a run's stored counters").
    static var storedName: String { get }
}

extension JSONLayout {
    /// The value as JSON text (what the stores keep).
    public var json: String {
        var json = JSONWriter(capacity: 512)
        write(to: &json)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    /// The value read from JSON text in the layout.
    public init(json text: String) throws(StoreError) {
        let value: ConfigValue
        do { value = try JSONReader.value(of: text) } catch {
            throw StoreError(.corrupt, "\(Self.storedName) cannot be read: \(error)")
        }
        try self.init(reading: value)
    }
}
