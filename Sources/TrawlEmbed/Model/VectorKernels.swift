/// The encoder's elementwise loops, 16 floats per step: GELU, softmax and layer normalisation.
///
/// exp and erf are inlined polynomials on whole vectors because calling libm per element would cost more than
/// the arithmetic around it. Rows of the hidden and intermediate layers are multiples of 16 wide; softmax rows
/// are not, so their tail goes through a padded vector. The standard library's `pointwiseMax` and `sum()` are
/// lane-by-lane loops, so `maximum(_:_:)`, `minimum(_:_:)` and `total(_:)` below stand in for them.
enum VectorKernels {
    typealias Vector = SIMD16<Float>
    typealias Bits = SIMD16<Int32>
    static let width = Vector.scalarCount

    @inline(__always) static func load(_ pointer: UnsafePointer<Float>) -> Vector {
        UnsafeRawPointer(pointer).loadUnaligned(as: Vector.self)
    }

    @inline(__always) static func store(_ vector: Vector, to pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: vector, as: Vector.self)
    }

    /// Lane-wise maximum, as a compare and select (no NaNs reach it).
    @inline(__always) static func maximum(_ a: Vector, _ b: Vector) -> Vector {
        a.replacing(with: b, where: b .> a)
    }

    /// Lane-wise minimum, as a compare and select.
    @inline(__always) static func minimum(_ a: Vector, _ b: Vector) -> Vector {
        a.replacing(with: b, where: b .< a)
    }

    /// Sum of the lanes, by halving (pairwise, so also a little more accurate than a running sum).
    @inline(__always) static func total(_ vector: Vector) -> Float {
        let eight = vector.lowHalf + vector.highHalf
        let four = eight.lowHalf + eight.highHalf
        let two = four.lowHalf + four.highHalf
        return two[0] + two[1]
    }

    /// Largest lane, by halving.
    @inline(__always) static func largest(_ vector: Vector) -> Float {
        let eight = vector.lowHalf.replacing(with: vector.highHalf, where: vector.highHalf .> vector.lowHalf)
        let four = eight.lowHalf.replacing(with: eight.highHalf, where: eight.highHalf .> eight.lowHalf)
        let two = four.lowHalf.replacing(with: four.highHalf, where: four.highHalf .> four.lowHalf)
        return Swift.max(two[0], two[1])
    }

    /// eˣ to about 2 ulp (Cephes' single-precision polynomial); inputs are clamped to [-87, 88], so very
    /// negative ones give ~1e-38 rather than 0, which is harmless for softmax and erf.
    @inline(__always) static func exp(_ x: Vector) -> Vector {
        let clamped = minimum(maximum(x, Vector(repeating: -87)), Vector(repeating: 88))
        // Adding 1.5·2²³ rounds x/ln2 to an integer n held in the low mantissa bits, with no conversion call.
        let magic = Vector(repeating: 12_582_912)
        let shifted = clamped * Vector(repeating: 1.442_695_04) + magic
        let n = shifted - magic
        // r = x - n·ln2 in two parts, so r keeps full precision.
        let r = clamped - n * Vector(repeating: 0.693_359_375) - n * Vector(repeating: -2.121_944_40e-4)
        var p = Vector(repeating: 1.987_569_15e-4)
        p = p * r + Vector(repeating: 1.398_199_95e-3)
        p = p * r + Vector(repeating: 8.333_451_91e-3)
        p = p * r + Vector(repeating: 4.166_579_59e-2)
        p = p * r + Vector(repeating: 1.666_666_55e-1)
        p = p * r + Vector(repeating: 5.000_000_12e-1)
        p = p * r * r + r + Vector(repeating: 1)
        // 2ⁿ built directly in the exponent field.
        let exponent = unsafeBitCast(shifted, to: Bits.self) &- unsafeBitCast(magic, to: Bits.self)
        return p * unsafeBitCast((exponent &+ 127) &<< 23, to: Vector.self)
    }

    /// erf(x) to 4e-7 absolute (Abramowitz & Stegun 7.1.26: 1.5e-7, plus float rounding), odd by construction.
    /// Far below what matters for GELU: the reference embeddings match to a cosine of 0.9999999.
    @inline(__always) static func erf(_ x: Vector) -> Vector {
        let bits = unsafeBitCast(x, to: Bits.self)
        let sign = bits & Bits(repeating: Int32(bitPattern: 0x8000_0000))
        let a = unsafeBitCast(bits & Bits(repeating: 0x7FFF_FFFF), to: Vector.self)
        let t = Vector(repeating: 1) / (Vector(repeating: 1) + Vector(repeating: 0.327_591_1) * a)
        var p = Vector(repeating: 1.061_405_429)
        p = p * t + Vector(repeating: -1.453_152_027)
        p = p * t + Vector(repeating: 1.421_413_741)
        p = p * t + Vector(repeating: -0.284_496_736)
        p = p * t + Vector(repeating: 0.254_829_592)
        let magnitude = Vector(repeating: 1) - p * t * exp(-(a * a))
        return unsafeBitCast(unsafeBitCast(magnitude, to: Bits.self) | sign, to: Vector.self)
    }

    /// `values[r][c] = gelu(values[r][c] + bias[c])` with the exact (erf) GELU; `columns` is a multiple of 16.
    static func biasGELU(_ values: UnsafeMutablePointer<Float>, rows: Int, columns: Int, bias: UnsafePointer<Float>) {
        let half = Vector(repeating: 0.5)
        let inverseRoot2 = Vector(repeating: 0.707_106_781_186_547_5)
        for row in 0 ..< rows {
            let line = values + row * columns
            for column in stride(from: 0, to: columns, by: width) {
                let x = load(line + column) + load(bias + column)
                store(half * x * (Vector(repeating: 1) + erf(x * inverseRoot2)), to: line + column)
            }
        }
    }

    /// `hidden[r] = layerNorm(hidden[r] + addend[r] + bias)` per row, with learned `gamma` and `beta`;
    /// `addend` and `bias` may be nil (the embedding sum is normalised as it is). `columns` is a multiple of 16.
    static func addLayerNorm(
        _ hidden: UnsafeMutablePointer<Float>, adding addend: UnsafePointer<Float>?, bias: UnsafePointer<Float>?,
        rows: Int, columns: Int, gamma: UnsafePointer<Float>, beta: UnsafePointer<Float>, epsilon: Float
    ) {
        for row in 0 ..< rows {
            let line = hidden + row * columns
            var sum = Vector.zero
            for column in stride(from: 0, to: columns, by: width) {
                var x = load(line + column)
                if let addend { x += load(addend + row * columns + column) }
                if let bias { x += load(bias + column) }
                store(x, to: line + column)
                sum += x
            }
            let mean = total(sum) / Float(columns)
            let meanVector = Vector(repeating: mean)
            // Variance from a second pass over the (cached) row: steadier than E[x²] - mean².
            var squares = Vector.zero
            for column in stride(from: 0, to: columns, by: width) {
                let centred = load(line + column) - meanVector
                squares += centred * centred
            }
            let scale = Vector(repeating: 1 / (total(squares) / Float(columns) + epsilon).squareRoot())
            for column in stride(from: 0, to: columns, by: width) {
                let normalised = (load(line + column) - meanVector) * scale
                store(normalised * load(gamma + column) + load(beta + column), to: line + column)
            }
        }
    }

    /// Replaces each of `rows` rows of `count` values (`stride` apart) by its softmax.
    static func softmaxRows(_ values: UnsafeMutablePointer<Float>, rows: Int, count: Int, stride rowStride: Int) {
        let whole = count - count % width
        for row in 0 ..< rows {
            let line = values + row * rowStride
            var maximum = Vector(repeating: -.infinity)
            for column in stride(from: 0, to: whole, by: width) { maximum = Self.maximum(maximum, load(line + column)) }
            var peak = largest(maximum)
            for column in whole ..< count { peak = Swift.max(peak, line[column]) }
            let peakVector = Vector(repeating: peak)
            var sum = Vector.zero
            for column in stride(from: 0, to: whole, by: width) {
                let e = exp(load(line + column) - peakVector)
                store(e, to: line + column)
                sum += e
            }
            var rowTotal = total(sum)
            if whole < count {
                // The tail, padded with -inf (e⁻∞ = 0 after clamping: ~1e-38, and never stored).
                var tail = Vector(repeating: -.infinity)
                for column in whole ..< count { tail[column - whole] = line[column] }
                let e = exp(tail - peakVector)
                for column in whole ..< count {
                    line[column] = e[column - whole]
                    rowTotal += e[column - whole]
                }
            }
            let inverse = Vector(repeating: 1 / rowTotal)
            for column in stride(from: 0, to: whole, by: width) { store(load(line + column) * inverse, to: line + column) }
            for column in whole ..< count { line[column] *= inverse[0] }
        }
    }
}
