/// Why a safetensors file could not be read, or a tensor could not be taken from it.
public struct SafeTensorsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: String, Sendable {
        /// The file could not be opened or read.
        case unreadable
        /// The file ends before its header or a tensor's data does.
        case truncated
        /// The JSON header is not valid safetensors.
        case invalidHeader = "invalid_header"
        /// No tensor of that name is in the file.
        case missingTensor = "missing_tensor"
        /// The tensor is stored in a type this reader does not convert (only F32 is read).
        case unsupportedType = "unsupported_type"
        /// The tensor's shape is not the one the caller needs.
        case shapeMismatch = "shape_mismatch"
    }

    /// What went wrong.
    public var kind: Kind
    /// A user-facing sentence naming the file or tensor.
    public var message: String

    /// An error of `kind`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
