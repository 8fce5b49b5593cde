import Foundation
import Testing
import TrawlCore

@Suite struct ConfigValueTests {
    @Test func objectsCompareKeysInOrder() {
        let value: ConfigValue = ["a": 1, "b": "x"]
        #expect(value == .object([("a", .int(1)), ("b", .string("x"))]))
        #expect(value != ["b": "x", "a": 1])
        #expect(value != ["a": 1])
    }

    @Test func casesOfDifferentTypesDiffer() {
        #expect(ConfigValue.int(1) != .double(1))
        #expect(ConfigValue.string("true") != .bool(true))
        #expect(ConfigValue.null != .array([]))
    }

    @Test func subscriptFindsObjectKeys() {
        let value: ConfigValue = ["name": "crawl", "labels": ["team": "search"]]
        #expect(value["name"] == "crawl")
        #expect(value["labels"]?["team"] == "search")
        #expect(value["missing"] == nil)
        #expect(ConfigValue.array([1])["name"] == nil)
    }

    @Test func decodesPlainJSONWithItsTypes() throws {
        let json = #"{"n": null, "b": true, "i": 3, "d": 1.5, "s": "x", "a": [1, "two"], "o": {"k": false}}"#
        let value = try JSONDecoder().decode(ConfigValue.self, from: Data(json.utf8))
        #expect(value["n"] == .null)
        #expect(value["b"] == .bool(true))
        #expect(value["i"] == .int(3))
        #expect(value["d"] == .double(1.5))
        #expect(value["s"] == .string("x"))
        #expect(value["a"] == [1, "two"])
        #expect(value["o"] == ["k": false])
    }

    @Test(arguments: [
        (ConfigValue.null, "null"), (true, "true"), (42, "42"), ("hi", #""hi""#),
        ([1, "a"], #"[1,"a"]"#), (["k": ["x": 1]], #"{"k":{"x":1}}"#),
    ] as [(ConfigValue, String)])
    func encodesAsPlainJSON(value: ConfigValue, json: String) throws {
        #expect(String(decoding: try JSONEncoder().encode(value), as: UTF8.self) == json)
        #expect(try JSONDecoder().decode(ConfigValue.self, from: Data(json.utf8)) == value)
    }
}
