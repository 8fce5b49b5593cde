import Testing
import TrawlCore

@Suite struct ByteSizeTextTests {
    @Test(arguments: [
        ("10MiB", 10_485_760), ("512KiB", 524_288), ("1MB", 1_000_000), ("1GiB", 1 << 30), ("2048", 2_048),
        ("1.5KiB", 1_536), ("10 MiB", 10_485_760), ("1gib", 1 << 30), ("100B", 100), ("2kb", 2_000),
    ])
    func parses(text: String, expected: Int) {
        #expect(ByteSizeText.parse(text) == expected)
    }

    @Test(arguments: ["", "MiB", "10XB", "1.5", "1.5B", "-1KiB", "10 MiB extra", "1e6", "99999999999TiB"])
    func refuses(text: String) {
        #expect(ByteSizeText.parse(text) == nil)
    }
}
