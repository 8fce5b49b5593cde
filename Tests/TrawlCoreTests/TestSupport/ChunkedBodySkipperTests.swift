import Testing
@testable import TrawlTestSupport

/// Finding the end of a chunked request body without sockets.
@Suite struct ChunkedBodySkipperTests {
    private let body = "4\r\nWiki\r\n5;note=x\r\npedia\r\nE \r\n in\r\n\r\nchunks.\r\n0\r\nX-Trailer: yes\r\n\r\n"

    @Test func consumesExactlyTheBodyAndStopsBeforeWhatFollows() throws {
        var skipper = ChunkedBodySkipper()
        let bytes = Array((body + "GET / HTTP/1.1\r\n").utf8)

        let (consumed, finished) = try skipper.consume(bytes[...])

        #expect(finished)
        #expect(skipper.isFinished)
        #expect(consumed == body.utf8.count)
    }

    @Test func finishesWhenFedOneByteAtATime() throws {
        var skipper = ChunkedBodySkipper()
        let bytes = Array(body.utf8)
        var total = 0
        for index in bytes.indices {
            let (consumed, finished) = try skipper.consume(bytes[index...index])
            total += consumed
            #expect(finished == (index == bytes.count - 1))
        }
        #expect(total == bytes.count)
    }

    @Test func acceptsBareLineFeeds() throws {
        var skipper = ChunkedBodySkipper()

        let text = "3\nabc\n0\n\n"

        let (consumed, finished) = try skipper.consume(Array(text.utf8)[...])

        #expect(finished && consumed == text.utf8.count)
    }

    @Test(arguments: ["\r\n", "x\r\n", "3\r\nabcX", "3\rX", "1234567890123456\r\n", "0\r\n\rX"])
    func rejectsMalformedFraming(text: String) {
        var skipper = ChunkedBodySkipper()
        #expect(throws: RequestParseFailure.malformedChunkedBody) { try skipper.consume(Array(text.utf8)[...]) }
    }
}
