import Testing
import TrawlCore

@Suite struct DurationTextTests {
    @Test(arguments: [
        ("500ms", Duration.milliseconds(500)), ("30s", .seconds(30)), ("30m", .seconds(1_800)), ("6h", .seconds(21_600)),
        ("1d", .seconds(86_400)), ("1h30m", .seconds(5_400)), ("1d2h3m4s5ms", .milliseconds(93_784_005)),
        ("1.5h", .seconds(5_400)), ("0.5s", .milliseconds(500)), ("30", .seconds(30)), ("0.25", .milliseconds(250)),
        (" 2m ", .seconds(120)), ("0s", .zero), ("1m0s", .seconds(60)),
    ])
    func parses(text: String, expected: Duration) {
        #expect(DurationText.parse(text) == expected)
    }

    @Test(arguments: ["", " ", "abc", "30x", "m", "30m1h", "1h1h", "-5s", "+5s", "1h30", "30 s", "1e3", "5S", "1..5s", ".s"])
    func refuses(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func refusesOverflow() {
        #expect(DurationText.parse("99999999999999999999d") == nil)
        #expect(DurationText.parse("9999999999999999d") == nil)
    }

    @Test(arguments: [
        (Duration.seconds(1_800), "30m"), (.seconds(5_400), "1h30m"), (.milliseconds(500), "500ms"), (.zero, "0s"),
        (.milliseconds(1_500), "1s500ms"), (.seconds(86_400), "1d"), (.seconds(129_600), "1d12h"),
        (.seconds(-90), "-1m30s"), (.microseconds(1_000_400), "1s"), (.microseconds(1_500), "2ms"),
    ])
    func formats(duration: Duration, expected: String) {
        #expect(DurationText.format(duration) == expected)
    }

    @Test(arguments: ["1d", "1h30m", "500ms", "2d23h59m59s999ms", "45s"])
    func formatIsCanonicalAndParsesBack(text: String) throws {
        let duration = try #require(DurationText.parse(text))
        #expect(DurationText.format(duration) == text)
    }

    @Test func convertsSecondsToMilliseconds() {
        #expect(DurationText.duration(seconds: 1.2345) == .milliseconds(1_235))
        #expect(DurationText.duration(seconds: .nan) == nil)
        #expect(DurationText.duration(seconds: .infinity) == nil)
    }
}
