/// One entry of a safetensors header: a tensor's element type, shape and where its bytes are.
public struct TensorInfo: Sendable, Equatable {
    /// The element type as the file names it, e.g. "F32", "I64", "BF16".
    public var dtype: String
    /// Dimensions, outermost first; empty for a scalar.
    public var shape: [Int]
    /// Byte range of the data, relative to the start of the data section (after the header).
    public var dataRange: Range<Int>

    /// Creates an entry.
    public init(dtype: String, shape: [Int], dataRange: Range<Int>) {
        self.dtype = dtype
        self.shape = shape
        self.dataRange = dataRange
    }

    /// Number of elements (the product of the shape; 1 for a scalar).
    public var elementCount: Int { shape.reduce(1, *) }

    /// Bytes per element for the dtypes the format defines; nil for a name it does not define.
    static func byteWidth(of dtype: String) -> Int? {
        switch dtype {
        case "BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3": 1
        case "I16", "U16", "F16", "BF16": 2
        case "I32", "U32", "F32": 4
        case "I64", "U64", "F64": 8
        default: nil
        }
    }
}
