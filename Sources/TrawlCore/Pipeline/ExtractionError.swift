/// Why a page's content could not be extracted (its body is not text in any encoding it claims): the document
/// is marked failed with this message, and the run goes on.
public struct ExtractionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the body, for the document's `error`.
    public var message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
