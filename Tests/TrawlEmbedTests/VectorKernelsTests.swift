import Foundation
import Testing
@testable import TrawlEmbed

@Suite struct VectorKernelsTests {
    static let samples: [Float] = stride(from: -9.0, through: 9.0, by: 0.037).map { Float($0) }

    static func apply(_ kernel: (VectorKernels.Vector) -> VectorKernels.Vector, _ values: [Float]) -> [Float] {
        stride(from: 0, to: values.count, by: 16).flatMap { start -> [Float] in
            var vector = VectorKernels.Vector()
            for lane in 0 ..< 16 where start + lane < values.count { vector[lane] = values[start + lane] }
            let result = kernel(vector)
            return (0 ..< min(16, values.count - start)).map { result[$0] }
        }
    }

    @Test("exp is within a few ulp of libm's")
    func exp() {
        let values = Self.samples.map { $0 * 9 }
        for (x, y) in zip(values, Self.apply(VectorKernels.exp, values)) {
            #expect(abs(y - Foundation.exp(x)) <= 4 * Foundation.exp(x).ulp, "exp(\(x))")
        }
    }

    @Test("erf is within 4e-7 of libm's")
    func erf() {
        for (x, y) in zip(Self.samples, Self.apply(VectorKernels.erf, Self.samples)) {
            #expect(abs(y - Foundation.erf(x)) <= 4e-7, "erf(\(x))")
        }
    }

    @Test("softmax rows sum to one for lengths that are and are not multiples of 16")
    func softmax() {
        for count in [1, 5, 16, 17, 40] {
            var values = (0 ..< count).map { Float($0 % 7) - 3 }
            let expected = values.map { Foundation.exp($0) }
            let total = expected.reduce(0, +)
            values.withUnsafeMutableBufferPointer { VectorKernels.softmaxRows($0.baseAddress!, rows: 1, count: count, stride: count) }
            #expect(zip(values, expected).allSatisfy { abs($0 - $1 / total) < 1e-6 }, "count \(count)")
        }
    }

    @Test("layer norm with residual and bias matches the formula")
    func layerNorm() {
        let width = 32
        var hidden = (0 ..< width).map { Float($0) / 10 }
        let addend = (0 ..< width).map { Float($0 % 3) }
        let bias = [Float](repeating: 0.5, count: width)
        let gamma = [Float](repeating: 2, count: width)
        let beta = [Float](repeating: -1, count: width)
        let sums = (0 ..< width).map { hidden[$0] + addend[$0] + bias[$0] }
        let mean = sums.reduce(0, +) / Float(width)
        let variance = sums.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(width)
        let expected = sums.map { ($0 - mean) / (variance + 1e-12).squareRoot() * 2 - 1 }
        hidden.withUnsafeMutableBufferPointer { hidden in
            VectorKernels.addLayerNorm(
                hidden.baseAddress!, adding: addend, bias: bias, rows: 1, columns: width, gamma: gamma, beta: beta,
                epsilon: 1e-12)
        }
        #expect(zip(hidden, expected).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test("sequences are split into balanced groups, every index once")
    func balancedGroups() {
        let groups = BertEncoder.balancedGroups([256, 10, 256, 30, 200, 5], into: 2)
        #expect(groups.flatMap { $0 }.sorted() == Array(0 ..< 6))
        #expect(groups.count == 2)
        #expect(BertEncoder.balancedGroups([7], into: 4) == [[0]])
    }
}
