import Foundation
import Testing
@testable import TrawlEmbed

@Suite struct SafeTensorsTests {
    /// A safetensors file from a header object and data bytes, with the header length prefix.
    static func file(_ header: String, data: [UInt8]) -> Data {
        let json = Array(header.utf8)
        var bytes = withUnsafeBytes(of: UInt64(json.count).littleEndian) { Array($0) }
        bytes += json + data
        return Data(bytes)
    }

    static func floatBytes(_ values: [Float]) -> [UInt8] {
        values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian) { Array($0) } }
    }

    static let valid = file(
        #"{"__metadata__": {"format": "pt"}, "w": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]}, "#
            + #""ids": {"dtype": "I64", "shape": [1], "data_offsets": [16, 24]}}  "#,
        data: floatBytes([1, -2, 3.5, 0]) + Array(repeating: 0, count: 8))

    @Test("reads F32 tensors by name, with shape, metadata and the other entries")
    func reads() throws {
        let tensors = try SafeTensors(bytes: Self.valid)
        #expect(try tensors.floats("w") == FloatTensor(shape: [2, 2], values: [1, -2, 3.5, 0]))
        #expect(try tensors.floats("w", shape: [2, 2]).values.count == 4)
        #expect(tensors.metadata == ["format": "pt"])
        #expect(tensors.tensors["ids"] == TensorInfo(dtype: "I64", shape: [1], dataRange: 16 ..< 24))
    }

    @Test("a missing tensor, a non-F32 tensor or a wrong shape is a typed error")
    func takingErrors() throws {
        let tensors = try SafeTensors(bytes: Self.valid)
        #expect(throws: SafeTensorsError(.missingTensor, "the model file has no tensor nope")) { try tensors.floats("nope") }
        #expect((#expect(throws: SafeTensorsError.self) { try tensors.floats("ids") })?.kind == .unsupportedType)
        #expect((#expect(throws: SafeTensorsError.self) { try tensors.floats("w", shape: [4]) })?.kind == .shapeMismatch)
    }

    @Test("bad files are rejected with the right kind", arguments: [
        (Data([1, 2, 3]), SafeTensorsError.Kind.truncated),
        (file("{}", data: []).prefix(9), .truncated),
        (Data(withUnsafeBytes(of: UInt64(1 << 40).littleEndian) { Array($0) }), .invalidHeader),
        (file("[1, 2]", data: []), .invalidHeader),
        (file("{not json", data: []), .invalidHeader),
        (file(#"{"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}"#, data: [0, 0, 0, 0]), .truncated),
        (file(#"{"w": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}"#, data: Array(repeating: 0, count: 8)), .invalidHeader),
        (file(#"{"w": {"dtype": "Q4", "shape": [2], "data_offsets": [0, 8]}}"#, data: Array(repeating: 0, count: 8)), .invalidHeader),
        (file(#"{"w": {"dtype": "F32", "shape": [2], "data_offsets": [8, 0]}}"#, data: Array(repeating: 0, count: 8)), .invalidHeader),
        (file(#"{"w": {"dtype": "F32", "shape": [-2], "data_offsets": [0, 8]}}"#, data: Array(repeating: 0, count: 8)), .invalidHeader),
        (file(#"{"w": {"dtype": "F32", "shape": [4611686018427387904, 4], "data_offsets": [0, 0]}}"#, data: []), .invalidHeader),
        (file(#"{"w": {"dtype": "F32", "shape": [2]}}"#, data: Array(repeating: 0, count: 8)), .invalidHeader),
    ])
    func rejects(_ bytes: Data, kind: SafeTensorsError.Kind) {
        let error = #expect(throws: SafeTensorsError.self) { try SafeTensors(bytes: bytes) }
        #expect(error?.kind == kind, "\(error?.message ?? "")")
    }

    @Test("an unreadable path is unreadable")
    func unreadable() {
        let error = #expect(throws: SafeTensorsError.self) { try SafeTensors(contentsOf: "/nonexistent/model.safetensors") }
        #expect(error?.kind == .unreadable)
        #expect(error?.message.contains("/nonexistent/model.safetensors") == true)
    }
}
