/// Walks a chunked request body (RFC 9112 §7.1) to find its end, skipping the framing and discarding the data
/// (or handing the data back, for a server that keeps request bodies); no I/O.
///
/// Feed it bytes as they arrive; it reports how many belonged to the body and whether the body ended.
/// Chunk extensions and trailer fields are skipped; bare LF is accepted where CRLF is expected.
struct ChunkedBodySkipper: Sendable {
    private enum State: Sendable, Equatable {
        case sizeDigits(value: Int, digitCount: Int)
        case sizeExtension(value: Int)
        case sizeLineFeed(value: Int)
        case data(remaining: Int)
        case dataCarriageReturn
        case dataLineFeed
        case trailerLineStart
        case trailerLine
        case finalLineFeed
        case finished
    }

    /// More hex digits than this could overflow `Int`; no honest body is that large.
    private static let maximumSizeDigits = 15
    private var state = State.sizeDigits(value: 0, digitCount: 0)

    /// True once the last chunk and trailer section have been consumed.
    var isFinished: Bool { state == .finished }

    /// Consumes a prefix of `bytes`; returns its length and whether the body ended there.
    mutating func consume(_ bytes: ArraySlice<UInt8>) throws(RequestParseFailure) -> (consumed: Int, finished: Bool) {
        var discarded: [UInt8]?
        return try consume(bytes, data: &discarded)
    }

    /// Like `consume(_:)`, and appends the chunk data (without framing) to `data` unless it is nil.
    mutating func consume(
        _ bytes: ArraySlice<UInt8>, data: inout [UInt8]?
    ) throws(RequestParseFailure) -> (consumed: Int, finished: Bool) {
        var index = bytes.startIndex
        while index < bytes.endIndex, state != .finished {
            if case let .data(remaining) = state {
                // Skip chunk data in bulk rather than byte by byte.
                let step = min(remaining, bytes.endIndex - index)
                data?.append(contentsOf: bytes[index ..< index + step])
                index += step
                state = remaining == step ? .dataCarriageReturn : .data(remaining: remaining - step)
                continue
            }
            try advance(over: bytes[index])
            index += 1
        }
        return (index - bytes.startIndex, state == .finished)
    }

    private mutating func advance(over byte: UInt8) throws(RequestParseFailure) {
        switch state {
        case let .sizeDigits(value, digitCount):
            if let digit = Self.hexValue(byte) {
                guard digitCount < Self.maximumSizeDigits else { throw .malformedChunkedBody }
                state = .sizeDigits(value: value * 16 + digit, digitCount: digitCount + 1)
                return
            }
            guard digitCount > 0 else { throw .malformedChunkedBody }
            switch byte {
            case UInt8(ascii: ";"), UInt8(ascii: " "), UInt8(ascii: "\t"): state = .sizeExtension(value: value)
            case UInt8(ascii: "\r"): state = .sizeLineFeed(value: value)
            case UInt8(ascii: "\n"): endSizeLine(value)
            default: throw .malformedChunkedBody
            }
        case let .sizeExtension(value):
            if byte == UInt8(ascii: "\r") {
                state = .sizeLineFeed(value: value)
            } else if byte == UInt8(ascii: "\n") {
                endSizeLine(value)
            }
        case let .sizeLineFeed(value):
            guard byte == UInt8(ascii: "\n") else { throw .malformedChunkedBody }
            endSizeLine(value)
        case .dataCarriageReturn:
            switch byte {
            case UInt8(ascii: "\r"): state = .dataLineFeed
            case UInt8(ascii: "\n"): state = .sizeDigits(value: 0, digitCount: 0)
            default: throw .malformedChunkedBody
            }
        case .dataLineFeed:
            guard byte == UInt8(ascii: "\n") else { throw .malformedChunkedBody }
            state = .sizeDigits(value: 0, digitCount: 0)
        case .trailerLineStart:
            switch byte {
            case UInt8(ascii: "\r"): state = .finalLineFeed
            case UInt8(ascii: "\n"): state = .finished
            default: state = .trailerLine
            }
        case .trailerLine:
            if byte == UInt8(ascii: "\n") { state = .trailerLineStart }
        case .finalLineFeed:
            guard byte == UInt8(ascii: "\n") else { throw .malformedChunkedBody }
            state = .finished
        case .data, .finished:
            break
        }
    }

    private mutating func endSizeLine(_ size: Int) {
        state = size == 0 ? .trailerLineStart : .data(remaining: size)
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}
