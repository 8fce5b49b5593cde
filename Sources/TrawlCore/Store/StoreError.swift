/// A failure of the store; the core treats every one as fatal for the operation.
///
/// `message` is what a tenant may read (it lands in run errors, trigger executions and API envelopes), so adapters
/// keep it to their own words; the database's words, which name tables, constraints, paths and values, go into
/// `detail`, which only logs and the operator's CLI show (`description`).
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure.
    public enum Kind: String, Sendable { case notFound = "not_found", conflict, io, corrupt, unsupported }
    public var kind: Kind
    public var message: String
    /// The database's or the system's own account of the failure, for the operator.
    public var detail: String?

    /// An error of `kind`.
    public init(_ kind: Kind, _ message: String, detail: String? = nil) {
        self.kind = kind
        self.message = message
        self.detail = detail
    }

    public var description: String { detail.map { "\(message) (\($0))" } ?? message }
}
