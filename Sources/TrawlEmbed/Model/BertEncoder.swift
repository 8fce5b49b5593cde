import COpenBLAS

/// A BERT encoder with mean pooling: token ids in, one L2-normalised vector per sequence out.
///
/// A batch is packed, not padded: the sequences' tokens are stacked row after row, the dense layers run on all
/// rows at once, and attention runs per sequence on its own rows. No attention mask and no work on padding.
/// Matrix products go to OpenBLAS (`cblas_sgemm`); the rest is in `VectorKernels`.
struct BertEncoder: Sendable {
    let weights: BertWeights
    var configuration: BertConfiguration { weights.configuration }

    /// The pooled, normalised embedding of each id sequence, in order. Every sequence must be non-empty, at most
    /// `maximumPositions` long, with ids below the vocabulary size.
    func embed(_ sequences: [[Int32]]) -> [[Float]] {
        guard !sequences.isEmpty else { return [] }
        let configuration = self.configuration
        var starts: [Int] = []
        var rows = 0
        for sequence in sequences {
            precondition(!sequence.isEmpty && sequence.count <= configuration.maximumPositions, "bad sequence length")
            starts.append(rows)
            rows += sequence.count
        }
        let longest = sequences.map(\.count).max()!
        let workspace = EncoderWorkspace(rows: rows, longest: longest, configuration: configuration)
        return weights.arena.withUnsafeBufferPointer { arena in
            let base = arena.baseAddress!
            embedTokens(sequences, into: workspace.hidden, weights: base)
            for layer in weights.layers {
                attentionBlock(layer, sequences: sequences, starts: starts, rows: rows, weights: base, workspace: workspace)
                feedForwardBlock(layer, rows: rows, weights: base, workspace: workspace)
            }
            return zip(starts, sequences).map { start, sequence in
                pool(workspace.hidden + start * configuration.hiddenSize, rows: sequence.count)
            }
        }
    }

    /// Word + position + token-type (always type 0: single sequences) embeddings, then layer norm.
    private func embedTokens(_ sequences: [[Int32]], into hidden: UnsafeMutablePointer<Float>, weights: UnsafePointer<Float>) {
        let width = configuration.hiddenSize
        let words = weights + self.weights.wordEmbeddings
        let positions = weights + self.weights.positionEmbeddings
        let tokenType = weights + self.weights.tokenTypeEmbeddings
        var row = 0
        for sequence in sequences {
            for (position, id) in sequence.enumerated() {
                precondition(id >= 0 && Int(id) < configuration.vocabularySize, "token id out of range")
                let target = hidden + row * width
                let word = words + Int(id) * width
                let place = positions + position * width
                for column in stride(from: 0, to: width, by: VectorKernels.width) {
                    let sum = VectorKernels.load(word + column) + VectorKernels.load(place + column)
                        + VectorKernels.load(tokenType + column)
                    VectorKernels.store(sum, to: target + column)
                }
                row += 1
            }
        }
        VectorKernels.addLayerNorm(
            hidden, adding: nil, bias: nil, rows: row, columns: width,
            gamma: weights + self.weights.embeddingNormWeight, beta: weights + self.weights.embeddingNormBias,
            epsilon: configuration.layerNormEpsilon)
    }

    /// Self-attention, its output projection, the residual add and layer norm; leaves the result in `hidden`.
    private func attentionBlock(
        _ layer: BertWeights.Layer, sequences: [[Int32]], starts: [Int], rows: Int,
        weights: UnsafePointer<Float>, workspace: EncoderWorkspace
    ) {
        let hidden = configuration.hiddenSize
        let qkvWidth = 3 * hidden
        // Start from the bias in every row so the product adds onto it (beta 1): no separate bias pass.
        for row in 0 ..< rows {
            (workspace.qkv + row * qkvWidth).update(from: weights + layer.qkvBias, count: qkvWidth)
        }
        Self.multiply(
            rows: rows, columns: qkvWidth, inner: hidden, workspace.hidden, transposedWeights: weights + layer.qkvWeight,
            into: workspace.qkv, accumulate: true)
        let headSize = configuration.headSize
        let scale = 1 / Float(headSize).squareRoot()
        for (start, sequence) in zip(starts, sequences) {
            let length = Int32(sequence.count)
            for head in 0 ..< configuration.headCount {
                let queries = workspace.qkv + start * qkvWidth + head * headSize
                let keys = queries + hidden
                let values = queries + 2 * hidden
                // scores = Q·Kᵀ / √d over this sequence's rows only.
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasTrans, length, length, Int32(headSize), scale,
                    queries, Int32(qkvWidth), keys, Int32(qkvWidth), 0, workspace.scores, length)
                VectorKernels.softmaxRows(workspace.scores, rows: sequence.count, count: sequence.count, stride: sequence.count)
                // context[:, head] = softmax(scores)·V, written straight into the head's columns.
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasNoTrans, length, Int32(headSize), length, 1,
                    workspace.scores, length, values, Int32(qkvWidth), 0,
                    workspace.context + start * hidden + head * headSize, Int32(hidden))
            }
        }
        Self.multiply(
            rows: rows, columns: hidden, inner: hidden, workspace.context,
            transposedWeights: weights + layer.attentionOutputWeight, into: workspace.projected, accumulate: false)
        VectorKernels.addLayerNorm(
            workspace.hidden, adding: workspace.projected, bias: weights + layer.attentionOutputBias, rows: rows,
            columns: hidden, gamma: weights + layer.attentionNormWeight, beta: weights + layer.attentionNormBias,
            epsilon: configuration.layerNormEpsilon)
    }

    /// The feed-forward layer (dense, GELU, dense), the residual add and layer norm; leaves the result in `hidden`.
    private func feedForwardBlock(
        _ layer: BertWeights.Layer, rows: Int, weights: UnsafePointer<Float>, workspace: EncoderWorkspace
    ) {
        let hidden = configuration.hiddenSize
        let inner = configuration.intermediateSize
        Self.multiply(
            rows: rows, columns: inner, inner: hidden, workspace.hidden,
            transposedWeights: weights + layer.intermediateWeight, into: workspace.intermediate, accumulate: false)
        VectorKernels.biasGELU(workspace.intermediate, rows: rows, columns: inner, bias: weights + layer.intermediateBias)
        Self.multiply(
            rows: rows, columns: hidden, inner: inner, workspace.intermediate,
            transposedWeights: weights + layer.outputWeight, into: workspace.projected, accumulate: false)
        VectorKernels.addLayerNorm(
            workspace.hidden, adding: workspace.projected, bias: weights + layer.outputBias, rows: rows,
            columns: hidden, gamma: weights + layer.outputNormWeight, beta: weights + layer.outputNormBias,
            epsilon: configuration.layerNormEpsilon)
    }

    /// The mean of `rows` hidden rows, L2-normalised.
    private func pool(_ states: UnsafePointer<Float>, rows: Int) -> [Float] {
        let width = configuration.hiddenSize
        var mean = [Float](repeating: 0, count: width)
        for row in 0 ..< rows {
            for column in 0 ..< width { mean[column] += states[row * width + column] }
        }
        let norm = mean.reduce(0) { $0 + $1 * $1 }.squareRoot()
        // The norm is a positive multiple of the mean, so the 1/rows factor cancels out.
        return norm > 0 ? mean.map { $0 / norm } : mean
    }

    /// `output = input · weightsᵀ (+ output when accumulating)`: [rows, inner] × [columns, inner]ᵀ.
    private static func multiply(
        rows: Int, columns: Int, inner: Int, _ input: UnsafePointer<Float>, transposedWeights: UnsafePointer<Float>,
        into output: UnsafeMutablePointer<Float>, accumulate: Bool
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(columns), Int32(inner), 1,
            input, Int32(inner), transposedWeights, Int32(inner), accumulate ? 1 : 0, output, Int32(columns))
    }
}
