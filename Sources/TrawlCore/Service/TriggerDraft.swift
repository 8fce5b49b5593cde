/// A trigger as a client submits it: the condition is still raw, validated by the service.
public struct TriggerDraft: Sendable, Equatable {
    public var name: String
    /// The `{kind, params}` condition, as sent.
    public var condition: ConfigValue
    public var enabled: Bool

    /// A draft with every field given.
    public init(name: String, condition: ConfigValue, enabled: Bool = true) {
        self.name = name
        self.condition = condition
        self.enabled = enabled
    }
}
