/// What went wrong with a run that stopped for an `unknown` reason.
public struct RunError: Sendable, Equatable, Codable, Error {
    /// A stable machine-readable code.
    public var code: String
    /// A human-readable explanation.
    public var message: String

    /// An error with a code and message.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
