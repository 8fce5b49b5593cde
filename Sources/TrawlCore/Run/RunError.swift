/// What went wrong with a run that stopped for an `unknown` reason.
public struct RunError: Sendable, Equatable, Codable, Error {
    /// A stable machine-readable code.
    public var code: String
    /// A human-readable explanation.
    public var message: String

    /// The code of a run the store would not take writes for (a full disk, a failing volume). Whoever finds it on a
    /// run that left its engine knows the store may not have recorded how the run ended.
    public static let storeFailed = "store_failed"

    /// Why a run that fetched nothing ended `empty_seed` when the address policy is the reason, so a client is not
    /// left to guess from the log.
    public static let seedsBlocked = RunError(
        code: "seeds_blocked",
        message: "every seed resolves to an address this server's policy refuses (loopback, private, link-local or metadata)")

    /// An error with a code and message.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
