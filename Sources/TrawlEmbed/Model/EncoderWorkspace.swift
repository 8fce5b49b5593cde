/// Scratch buffers for one forward pass over `rows` packed tokens, freed when the pass ends.
///
/// Allocated per pass rather than kept: passes run one at a time, and a batch's size decides the buffers' sizes.
final class EncoderWorkspace {
    /// The hidden states, [rows, hidden]; the output of every layer.
    let hidden: UnsafeMutablePointer<Float>
    /// Queries, keys and values side by side, [rows, 3·hidden].
    let qkv: UnsafeMutablePointer<Float>
    /// The attention heads' outputs, [rows, hidden].
    let context: UnsafeMutablePointer<Float>
    /// A dense layer's output before its residual add, [rows, hidden].
    let projected: UnsafeMutablePointer<Float>
    /// The feed-forward layer's inner activations, [rows, intermediate].
    let intermediate: UnsafeMutablePointer<Float>
    /// One head's attention scores, [longest, longest].
    let scores: UnsafeMutablePointer<Float>

    private let buffers: [UnsafeMutablePointer<Float>]

    init(rows: Int, longest: Int, configuration: BertConfiguration) {
        let hidden = configuration.hiddenSize
        func make(_ count: Int) -> UnsafeMutablePointer<Float> {
            let buffer = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
            buffer.initialize(repeating: 0, count: max(count, 1))
            return buffer
        }
        self.hidden = make(rows * hidden)
        self.qkv = make(rows * 3 * hidden)
        self.context = make(rows * hidden)
        self.projected = make(rows * hidden)
        self.intermediate = make(rows * configuration.intermediateSize)
        self.scores = make(longest * longest)
        buffers = [self.hidden, qkv, context, projected, intermediate, scores]
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }
}
