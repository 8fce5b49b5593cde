import Foundation

/// The decoded and validated JSON header of a safetensors file.
struct SafeTensorsHeader: Sendable {
    var tensors: [String: TensorInfo]
    var metadata: [String: String]

    /// Decodes `json` and checks every entry against the format and against `dataLength`, the bytes after the header.
    static func parse(_ json: Data, dataLength: Int, source: String) throws(SafeTensorsError) -> SafeTensorsHeader {
        let raw: RawHeader
        do {
            raw = try JSONDecoder().decode(RawHeader.self, from: json)
        } catch {
            throw SafeTensorsError(.invalidHeader, "\(source) has an invalid header: \(Self.describe(error))")
        }
        var tensors: [String: TensorInfo] = [:]
        for (name, entry) in raw.entries {
            tensors[name] = try validate(entry, name: name, dataLength: dataLength, source: source)
        }
        return SafeTensorsHeader(tensors: tensors, metadata: raw.metadata)
    }

    private static func validate(
        _ entry: RawEntry, name: String, dataLength: Int, source: String
    ) throws(SafeTensorsError) -> TensorInfo {
        guard let width = TensorInfo.byteWidth(of: entry.dtype) else {
            throw SafeTensorsError(.invalidHeader, "\(source): tensor \(name) has unknown dtype \(entry.dtype)")
        }
        guard entry.shape.allSatisfy({ $0 >= 0 }) else {
            throw SafeTensorsError(.invalidHeader, "\(source): tensor \(name) has a negative dimension")
        }
        guard entry.offsets.count == 2, entry.offsets[0] >= 0, entry.offsets[0] <= entry.offsets[1] else {
            throw SafeTensorsError(.invalidHeader, "\(source): tensor \(name) has invalid data_offsets \(entry.offsets)")
        }
        guard entry.offsets[1] <= dataLength else {
            throw SafeTensorsError(.truncated, "\(source) ends inside tensor \(name)")
        }
        // Multiplying with overflow checks: a hostile shape must not wrap around to a plausible size.
        var bytes = width
        for dimension in entry.shape {
            let (product, overflow) = bytes.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw SafeTensorsError(.invalidHeader, "\(source): tensor \(name) is too large") }
            bytes = product
        }
        guard bytes == entry.offsets[1] - entry.offsets[0] else {
            throw SafeTensorsError(
                .invalidHeader,
                "\(source): tensor \(name) of shape \(entry.shape) needs \(bytes) bytes but its offsets span "
                    + "\(entry.offsets[1] - entry.offsets[0])")
        }
        return TensorInfo(dtype: entry.dtype, shape: entry.shape, dataRange: entry.offsets[0] ..< entry.offsets[1])
    }

    private static func describe(_ error: any Error) -> String {
        if case let DecodingError.dataCorrupted(context) = error { return context.debugDescription }
        if case let DecodingError.typeMismatch(_, context) = error { return context.debugDescription }
        if case let DecodingError.keyNotFound(key, _) = error { return "missing field \(key.stringValue)" }
        return "\(error)"
    }
}

/// The header as JSON: tensor names as keys, plus the optional `__metadata__` object.
private struct RawHeader: Decodable {
    var entries: [String: RawEntry] = [:]
    var metadata: [String: String] = [:]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: NameKey.self)
        for key in container.allKeys {
            if key.stringValue == "__metadata__" {
                metadata = try container.decode([String: String].self, forKey: key)
            } else {
                entries[key.stringValue] = try container.decode(RawEntry.self, forKey: key)
            }
        }
    }
}

private struct RawEntry: Decodable {
    var dtype: String
    var shape: [Int]
    var offsets: [Int]

    enum CodingKeys: String, CodingKey {
        case dtype, shape
        case offsets = "data_offsets"
    }
}

/// A key for objects whose keys are data (tensor names), not a fixed schema.
private struct NameKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
