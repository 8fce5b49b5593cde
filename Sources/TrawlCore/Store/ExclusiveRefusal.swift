/// Why a run was not admitted: the rule whose group is full, and the active runs filling it.
public struct ExclusiveRefusal: Sendable, Equatable, CustomStringConvertible {
    public var rule: ExclusiveRule
    public var activeRunIDs: [RunID]

    /// A refusal by `rule`.
    public init(rule: ExclusiveRule, activeRunIDs: [RunID]) {
        self.rule = rule
        self.activeRunIDs = activeRunIDs
    }

    public var description: String {
        let shown = activeRunIDs.prefix(5).map(\.description).joined(separator: ", ")
        return "starting criteria exclusive allows \(rule); active: \(shown)"
    }
}
