/// A dense float32 tensor in row-major order, as loaded from a model file.
public struct FloatTensor: Sendable, Equatable {
    /// Dimensions, outermost first.
    public var shape: [Int]
    /// The elements, row-major; `values.count` is the product of `shape`.
    public var values: [Float]

    /// Creates a tensor; `values.count` must equal the product of `shape`.
    public init(shape: [Int], values: [Float]) {
        precondition(values.count == shape.reduce(1, *), "tensor values do not fill the shape")
        self.shape = shape
        self.values = values
    }
}
