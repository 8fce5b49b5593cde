import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request the HTTP parser refused (a request line and headers over the decoder's limit, or bytes that are
/// not HTTP/1.1) with the API's error envelope, then closes the connection. Such a request never reaches a route or a
/// middleware: without this, the server's own fallback is a bare `400` with an empty body.
///
/// Sits between the HTTP codec and the server's request loop. The parser error is answered here and not passed on,
/// so the loop sees the connection end instead of writing a second, empty answer.
public final class MalformedRequestResponder: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = HTTPRequestPart
    public typealias InboundOut = HTTPRequestPart
    public typealias OutboundIn = HTTPResponsePart
    public typealias OutboundOut = HTTPResponsePart

    /// The decoder's limit on the request line and headers together, as the message names it.
    private let headLimit: Int
    /// True between a response's head and its end: a second head cannot be written then, only the door shut.
    private var responding = false
    /// True once a parser error was answered: what the stopped decoder reports about bytes that keep coming is not.
    private var answered = false

    /// A responder naming `headLimit` bytes as the limit of a request's head.
    public init(headLimit: Int) {
        self.headLimit = headLimit
    }

    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !answered else { return }
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        answered = true
        guard !responding else {
            context.close(promise: nil)
            return
        }
        let answer = Self.answer(to: parserError, headLimit: headLimit)
        let body = (try? JSONEncoder().encode(answer)) ?? Data()
        var head = HTTPResponse(status: answer.status)
        head.headerFields[.contentType] = "application/json"
        head.headerFields[.contentLength] = String(body.count)
        head.headerFields[.connection] = "close"
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: body))), promise: nil)
        // Half-closed first, closed a moment later: closing on a client still sending its oversized head would
        // answer its bytes with a reset, which can discard the answer before the client reads it.
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            channel.close(mode: .output, promise: nil)
            channel.eventLoop.scheduleTask(in: .seconds(2)) { channel.close(promise: nil) }
        }
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head) where head.status.kind != .informational: responding = true
        case .end: responding = false
        case .head, .body: break
        }
        context.write(data, promise: promise)
    }

    /// The error a parser failure is answered with. The parser's own wording is not passed on: it names internals.
    static func answer(to error: HTTPParserError, headLimit: Int) -> APIError {
        switch error {
        case .headerOverflow:
            APIError(status: .requestHeaderFieldsTooLarge, code: "request_header_fields_too_large",
                     message: "the request line and headers exceed the limit of \(headLimit / 1024) KiB together")
        default:
            .badRequest("the request is not well-formed HTTP/1.1")
        }
    }
}
