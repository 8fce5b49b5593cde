/// A job as a client submits it: the config is still raw, validated by the service.
public struct JobDraft: Sendable, Equatable {
    /// The ID to assign; generated when nil.
    public var id: JobID?
    public var name: String
    public var labels: [String: String]
    /// The manifest's `config` object, as sent.
    public var config: ConfigValue

    /// A draft with every field given.
    public init(id: JobID? = nil, name: String, labels: [String: String] = [:], config: ConfigValue) {
        self.id = id
        self.name = name
        self.labels = labels
        self.config = config
    }
}
