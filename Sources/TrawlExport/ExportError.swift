import TrawlCore

/// Why an export failed, in words for the person who ran it.
public struct ExportError: Error, Sendable, CustomStringConvertible {
    public var description: String

    /// An error with a message.
    public init(_ description: String) { self.description = description }

    static func store(_ error: StoreError) -> ExportError { ExportError(error.message) }
}
