import Foundation

/// A safetensors file: a little-endian u64 header length, a JSON header naming each tensor, then raw data.
///
/// The file is memory-mapped, so opening it costs little and only the tensors taken are copied.
public struct SafeTensors: Sendable {
    /// Every tensor the header lists, by name.
    public let tensors: [String: TensorInfo]
    /// The header's free-form `__metadata__` strings (empty when absent).
    public let metadata: [String: String]

    private let bytes: Data
    /// Offset of the data section in `bytes`: 8 + the header length.
    private let dataStart: Int

    /// The format's own limit; a larger length means a corrupt file, not a big model.
    static let maximumHeaderLength = 100_000_000

    /// Opens and validates the file at `path`.
    public init(contentsOf path: String) throws(SafeTensorsError) {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw SafeTensorsError(.unreadable, "cannot read \(path): \(error.localizedDescription)")
        }
        try self.init(bytes: bytes, source: path)
    }

    /// Validates `bytes` as a safetensors file; `source` names it in error messages.
    public init(bytes: Data, source: String = "safetensors data") throws(SafeTensorsError) {
        guard bytes.count >= 8 else {
            throw SafeTensorsError(.truncated, "\(source) is \(bytes.count) bytes, too short for a safetensors header")
        }
        let declared = bytes.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard declared <= UInt64(Self.maximumHeaderLength) else {
            throw SafeTensorsError(.invalidHeader, "\(source) declares a \(declared)-byte header, over the format's limit")
        }
        let headerLength = Int(declared)
        guard bytes.count >= 8 + headerLength else {
            throw SafeTensorsError(.truncated, "\(source) ends inside its \(headerLength)-byte header")
        }
        let header = try SafeTensorsHeader.parse(
            bytes[bytes.startIndex + 8 ..< bytes.startIndex + 8 + headerLength],
            dataLength: bytes.count - 8 - headerLength,
            source: source)
        self.tensors = header.tensors
        self.metadata = header.metadata
        self.bytes = bytes
        self.dataStart = 8 + headerLength
    }

    /// The float32 tensor `name`.
    public func floats(_ name: String) throws(SafeTensorsError) -> FloatTensor {
        guard let info = tensors[name] else {
            throw SafeTensorsError(.missingTensor, "the model file has no tensor \(name)")
        }
        guard info.dtype == "F32" else {
            throw SafeTensorsError(.unsupportedType, "tensor \(name) is \(info.dtype); only F32 is supported")
        }
        var values = [Float](repeating: 0, count: info.elementCount)
        let start = bytes.startIndex + dataStart + info.dataRange.lowerBound
        values.withUnsafeMutableBytes { target in
            // The header validated that the range holds exactly elementCount floats.
            _ = bytes.copyBytes(to: target, from: start ..< start + info.dataRange.count)
        }
        #if _endian(big)
        // The format is little-endian; swap on the rare big-endian host.
        for index in values.indices { values[index] = Float(bitPattern: values[index].bitPattern.byteSwapped) }
        #endif
        return FloatTensor(shape: info.shape, values: values)
    }

    /// The float32 tensor `name`, which must have exactly `shape`.
    public func floats(_ name: String, shape: [Int]) throws(SafeTensorsError) -> FloatTensor {
        let tensor = try floats(name)
        guard tensor.shape == shape else {
            throw SafeTensorsError(.shapeMismatch, "tensor \(name) has shape \(tensor.shape), expected \(shape)")
        }
        return tensor
    }
}
