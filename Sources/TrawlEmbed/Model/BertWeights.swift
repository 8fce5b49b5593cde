/// Every parameter of a BERT encoder in one float arena, so the forward pass takes a single pointer and finds
/// each tensor at a fixed offset (no per-tensor array access in the hot path).
///
/// A layer's query, key and value matrices are stored back to back, forming one [3·hidden, hidden] matrix that a
/// single matrix product applies.
struct BertWeights: Sendable {
    /// Offsets of one layer's parameters in the arena; matrices are [out, in], row-major, as PyTorch stores them.
    struct Layer: Sendable {
        var qkvWeight = 0, qkvBias = 0
        var attentionOutputWeight = 0, attentionOutputBias = 0
        var attentionNormWeight = 0, attentionNormBias = 0
        var intermediateWeight = 0, intermediateBias = 0
        var outputWeight = 0, outputBias = 0
        var outputNormWeight = 0, outputNormBias = 0
    }

    let configuration: BertConfiguration
    let arena: [Float]
    let wordEmbeddings: Int
    let positionEmbeddings: Int
    let tokenTypeEmbeddings: Int
    let embeddingNormWeight: Int
    let embeddingNormBias: Int
    let layers: [Layer]

    /// Reads every tensor the encoder needs from `file` (Hugging Face `BertModel` names), checking shapes.
    init(file: SafeTensors, configuration: BertConfiguration) throws(SafeTensorsError) {
        var builder = ArenaBuilder(file: file)
        let hidden = configuration.hiddenSize
        let inner = configuration.intermediateSize
        self.configuration = configuration
        wordEmbeddings = try builder.append("embeddings.word_embeddings.weight", [configuration.vocabularySize, hidden])
        positionEmbeddings = try builder.append(
            "embeddings.position_embeddings.weight", [configuration.maximumPositions, hidden])
        tokenTypeEmbeddings = try builder.append(
            "embeddings.token_type_embeddings.weight", [configuration.tokenTypeCount, hidden])
        embeddingNormWeight = try builder.append("embeddings.LayerNorm.weight", [hidden])
        embeddingNormBias = try builder.append("embeddings.LayerNorm.bias", [hidden])
        var layers: [Layer] = []
        for index in 0 ..< configuration.layerCount {
            let prefix = "encoder.layer.\(index)."
            var layer = Layer()
            // Query, key, value appended in that order, each without alignment padding: one contiguous matrix.
            layer.qkvWeight = try builder.append(prefix + "attention.self.query.weight", [hidden, hidden])
            _ = try builder.append(prefix + "attention.self.key.weight", [hidden, hidden], aligned: false)
            _ = try builder.append(prefix + "attention.self.value.weight", [hidden, hidden], aligned: false)
            layer.qkvBias = try builder.append(prefix + "attention.self.query.bias", [hidden])
            _ = try builder.append(prefix + "attention.self.key.bias", [hidden], aligned: false)
            _ = try builder.append(prefix + "attention.self.value.bias", [hidden], aligned: false)
            layer.attentionOutputWeight = try builder.append(prefix + "attention.output.dense.weight", [hidden, hidden])
            layer.attentionOutputBias = try builder.append(prefix + "attention.output.dense.bias", [hidden])
            layer.attentionNormWeight = try builder.append(prefix + "attention.output.LayerNorm.weight", [hidden])
            layer.attentionNormBias = try builder.append(prefix + "attention.output.LayerNorm.bias", [hidden])
            layer.intermediateWeight = try builder.append(prefix + "intermediate.dense.weight", [inner, hidden])
            layer.intermediateBias = try builder.append(prefix + "intermediate.dense.bias", [inner])
            layer.outputWeight = try builder.append(prefix + "output.dense.weight", [hidden, inner])
            layer.outputBias = try builder.append(prefix + "output.dense.bias", [hidden])
            layer.outputNormWeight = try builder.append(prefix + "output.LayerNorm.weight", [hidden])
            layer.outputNormBias = try builder.append(prefix + "output.LayerNorm.bias", [hidden])
            layers.append(layer)
        }
        self.layers = layers
        self.arena = builder.arena
    }
}

/// Appends tensors to a growing arena and reports where each starts.
private struct ArenaBuilder {
    let file: SafeTensors
    var arena: [Float] = []

    init(file: SafeTensors) {
        self.file = file
        // Room for every tensor plus alignment padding, so the 90 MB arena is never copied while it grows.
        arena.reserveCapacity(file.tensors.values.reduce(0) { $0 + $1.elementCount + 16 })
    }

    /// Starts are rounded to 16 floats (64 bytes, a cache line) unless the tensor must follow its predecessor.
    mutating func append(_ name: String, _ shape: [Int], aligned: Bool = true) throws(SafeTensorsError) -> Int {
        let tensor = try file.floats(name, shape: shape)
        if aligned, arena.count % 16 != 0 {
            arena.append(contentsOf: repeatElement(0, count: 16 - arena.count % 16))
        }
        let start = arena.count
        arena.append(contentsOf: tensor.values)
        return start
    }
}
