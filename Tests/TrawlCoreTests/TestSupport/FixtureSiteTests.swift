import Foundation
import Testing
import TrawlTestSupport

/// Static sites and the deterministic link tree.
@Suite struct FixtureSiteTests {
    /// The absolute-path links on a page of the site.
    private func links(of site: FixtureSite, at path: String) -> [String] {
        let html = String(decoding: site.response(for: FixtureRequest(target: path)).body, as: UTF8.self)
        return html.matches(of: /href="([^"]+)"/).map { String($0.output.1) }
    }

    @Test func treeHasFanoutToTheDepthPagesAtEachDepth() {
        let site = FixtureSite.tree(depth: 3, fanout: 3)
        let depths = FixtureSite.treeDepths(depth: 3, fanout: 3)

        let perDepth = Dictionary(grouping: depths.values, by: { $0 }).mapValues(\.count)
        #expect(perDepth == [0: 1, 1: 3, 2: 9, 3: 27])
        #expect(Set(site.pages.keys) == Set(depths.keys))
        #expect(depths["/"] == 0)
        #expect(depths["/p/1"] == 1 && depths["/p/3"] == 1 && depths["/p/4"] == 2 && depths["/p/39"] == 3)
    }

    @Test func treeLinksFollowTheDocumentedScheme() {
        let site = FixtureSite.tree(depth: 2, fanout: 2)

        #expect(links(of: site, at: "/") == ["/p/1", "/p/2"])
        #expect(links(of: site, at: "/p/1") == ["/p/3", "/p/4"])
        #expect(links(of: site, at: "/p/2") == ["/p/5", "/p/6"])
        #expect(links(of: site, at: "/p/6").isEmpty)
        #expect(site.pages["/p/7"] == nil)
        #expect(site.pages["/p/0"] == nil)
    }

    @Test func breadthFirstCrawlFindsEveryPageAtItsDocumentedDepth() {
        let site = FixtureSite.tree(depth: 4, fanout: 3)
        var found = ["/": 0]
        var queue = ["/"]
        while !queue.isEmpty {
            let path = queue.removeFirst()
            for link in links(of: site, at: path) where found[link] == nil {
                found[link] = found[path]! + 1
                queue.append(link)
            }
        }

        #expect(found == FixtureSite.treeDepths(depth: 4, fanout: 3))
        #expect(found.count == 1 + 3 + 9 + 27 + 81)
    }

    @Test(arguments: [(0, 5, 1), (3, 0, 1), (3, 1, 4), (1, 10, 11)])
    func degenerateTreesHaveTheExpectedSize(depth: Int, fanout: Int, pages: Int) {
        #expect(FixtureSite.tree(depth: depth, fanout: fanout).pages.count == pages)
        #expect(FixtureSite.treeDepths(depth: depth, fanout: fanout).count == pages)
    }

    @Test func treeIsServedOverHTTP() async throws {
        let server = try FixtureServer(site: .tree(depth: 1, fanout: 2))
        defer { server.stop() }

        let root = try await CurlTool.run([server.url("/")])
        let statusOnly = ["--write-out", "%{http_code}", "--output", "/dev/null"]
        let leaf = try await CurlTool.run(statusOnly + [server.url("/p/2")])
        let outside = try await CurlTool.run(statusOnly + [server.url("/p/3")])

        #expect(root.text.contains(#"<a href="/p/1">"#) && root.text.contains(#"<a href="/p/2">"#))
        #expect(leaf.text == "200")
        #expect(outside.text == "404")
    }

    @Test func subscriptEditsPagesAndMissesAre404() {
        var site = FixtureSite(["/a": .text("a")])
        site["/b"] = .text("b")
        site["/a"] = nil

        #expect(site["/a"] == nil)
        #expect(site["/b"]?.body == Array("b".utf8))
        #expect(site.response(for: FixtureRequest(target: "/a")).status == 404)
        #expect(site.response(for: FixtureRequest(target: "/b")).status == 200)
        #expect(site.response(for: FixtureRequest(target: "/b?x")).status == 404)
    }

    @Test func gzipOutputIsReadableByTheGzipTool() throws {
        let original = Array(String(repeating: "<url><loc>http://example.com/</loc></url>\n", count: 300).utf8)
        let compressed = FixtureSite.gzip(original)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = ["--decompress", "--stdout"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Small enough to fit the pipe buffers, so writing everything first cannot deadlock.
        input.fileHandleForWriting.write(Data(compressed))
        try input.fileHandleForWriting.close()
        let decompressed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()

        #expect(process.terminationStatus == 0)
        #expect([UInt8](decompressed) == original)
        #expect(compressed.count < original.count / 10)
        #expect(FixtureSite.gzip([]).starts(with: [0x1F, 0x8B]))
    }
}
