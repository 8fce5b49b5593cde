/// A failure of the store, with the adapter's message; the core treats every one as fatal for the operation.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure.
    public enum Kind: String, Sendable { case notFound = "not_found", conflict, io, corrupt, unsupported }
    public var kind: Kind
    public var message: String

    /// An error of `kind`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
