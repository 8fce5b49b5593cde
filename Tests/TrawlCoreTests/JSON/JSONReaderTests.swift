import Foundation
import Testing
import TrawlCore
import TrawlTestSupport

/// The JSON reader against RFC 8259's grammar and against Foundation's reading of the same text.
struct JSONReaderTests {
    @Test func readsEveryKindOfValueKeepingKeyOrder() throws {
        let value = try JSONReader.value(of: #" {"z": 1, "a": [true, false, null, -0, 12, -3.5, 1e3, 2E-2], "s": "q\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00é", "o": {}} "#)
        #expect(value == .object([
            ("z", .int(1)),
            ("a", .array([.bool(true), .bool(false), .null, .int(0), .int(12), .double(-3.5), .double(1000), .double(0.02)])),
            ("s", .string("q\"\\/\u{8}\u{C}\n\r\té😀é")),
            ("o", .object([])),
        ]))
        #expect(try JSONReader.value(of: "9223372036854775807") == .int(.max))
        #expect(try JSONReader.value(of: "9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(try JSONReader.value(of: "[]") == .array([]))
    }

    @Test(arguments: [
        "", " ", "{", "[1,]", "{\"a\":1,}", "{a:1}", "01", "1.", ".5", "-", "1e", "+1", "tru", "nul", "\"abc",
        "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\ud800\\u0041\"", "\"\u{1}\"", "[1] 2", "NaN", "Infinity", "1e400",
        String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
    ])
    func refusesWhatIsNotJSON(_ text: String) {
        #expect(throws: JSONReader.Failure.self) { try JSONReader.value(of: text) }
    }

    /// Random documents written by JSONSerialization read back as the same values.
    @Test func agreesWithFoundationOnRandomDocuments() throws {
        var random = SeededRandom(seed: 0x15_0D0C)
        for _ in 0..<500 {
            let document = Self.randomValue(&random, depth: 0)
            let data = try JSONSerialization.data(withJSONObject: ["root": document], options: [.fragmentsAllowed])
            let text = String(decoding: data, as: UTF8.self)
            let read = try JSONReader.value(of: text)
            let expected = try JSONDecoder().decode(ConfigValue.self, from: data)
            #expect(Self.unordered(read) == Self.unordered(expected), "\(text)")
        }
    }

    static func randomValue(_ random: inout SeededRandom, depth: Int) -> Any {
        switch random.next() % (depth > 3 ? 4 : 6) {
        case 0: return Int(truncatingIfNeeded: random.next()) >> Int(random.next() % 60)
        case 1: return Double(Int(random.next() % 1_000_000)) / 1_000 + 0.5
        case 2: return random.next() % 2 == 0
        case 3:
            let pool = ["a", "é", "\"", "\\", "/", "\n", "\u{1}", "😀", "日本", " ", "\u{7F}", "\u{2028}"]
            return (0..<Int(random.next() % 6)).map { _ in pool[Int(random.next() % UInt64(pool.count))] }.joined()
        case 4: return (0..<Int(random.next() % 4)).map { _ in randomValue(&random, depth: depth + 1) }
        default:
            var object: [String: Any] = [:]
            for index in 0..<Int(random.next() % 4) { object["k\(index)\(random.next() % 3)"] = randomValue(&random, depth: depth + 1) }
            return object
        }
    }

    /// Objects compared as key sets: Foundation does not keep document order, the reader does.
    static func unordered(_ value: ConfigValue) -> ConfigValue {
        switch value {
        case .object(let pairs): .object(pairs.map { ($0.0, unordered($0.1)) }.sorted { $0.0 < $1.0 })
        case .array(let elements): .array(elements.map(unordered))
        default: value
        }
    }
}
