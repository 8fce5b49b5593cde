import Foundation

/// A parsed request line and header section, before the body is read.
struct RequestHead: Sendable, Equatable {
    var method: String
    var target: String
    var version: String
    var headers: [Header]

    /// One header field as sent.
    struct Header: Sendable, Equatable {
        var name: String
        var value: String
    }

    /// How the request body is delimited (RFC 9112 §6.3).
    enum BodyFraming: Sendable, Equatable {
        case none
        case length(Int)
        case chunked
    }

    /// All values of the named field, case-insensitive.
    func values(of name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name }.map(\.value)
    }

    /// The comma-separated tokens of the named field, lowercased (for Connection, Transfer-Encoding, Expect).
    func tokens(of name: String) -> [String] {
        values(of: name).flatMap { $0.split(separator: ",") }.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
    }

    var isHTTP10: Bool { version == "HTTP/1.0" }

    /// Whether the client asks to keep the connection open after this exchange.
    var wantsKeepAlive: Bool {
        let connection = tokens(of: "connection")
        if connection.contains("close") { return false }
        return isHTTP10 ? connection.contains("keep-alive") : true
    }

    /// Whether the client waits for "100 Continue" before sending its body.
    var expectsContinue: Bool {
        !isHTTP10 && tokens(of: "expect").contains("100-continue")
    }

    /// The body framing, or why the request cannot be framed.
    func bodyFraming() throws(RequestParseFailure) -> BodyFraming {
        let codings = tokens(of: "transfer-encoding").filter { !$0.isEmpty }
        if !codings.isEmpty {
            // Transfer-Encoding overrides Content-Length; anything not ending in chunked has no knowable end.
            guard codings.last == "chunked" else { throw .unsupportedTransferCoding }
            return .chunked
        }
        let lengths = values(of: "content-length").flatMap {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }.map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard let first = lengths.first else { return .none }
        guard lengths.allSatisfy({ $0 == first }), !first.isEmpty, first.allSatisfy({ $0.isASCII && $0.isNumber }),
            let length = Int(first)
        else { throw .invalidContentLength }
        return length == 0 ? .none : .length(length)
    }
}

/// Why a request could not be parsed; each maps to the status the server answers before closing.
enum RequestParseFailure: Error, Sendable, Equatable {
    case headerTooLarge
    case malformedRequestLine
    case malformedHeader
    case invalidHost
    case unsupportedVersion
    case invalidContentLength
    case unsupportedTransferCoding
    case malformedChunkedBody

    /// The HTTP status that reports this failure.
    var status: Int {
        switch self {
        case .headerTooLarge: 431
        case .unsupportedVersion: 505
        case .unsupportedTransferCoding: 501
        case .malformedRequestLine, .malformedHeader, .invalidHost, .invalidContentLength, .malformedChunkedBody: 400
        }
    }

    /// A one-line explanation sent as the error body.
    var message: String {
        switch self {
        case .headerTooLarge: "Request header section exceeds \(RequestHeadParser.maximumHeadSize) bytes"
        case .malformedRequestLine: "Malformed request line"
        case .malformedHeader: "Malformed header field"
        case .invalidHost: "An HTTP/1.1 request needs exactly one Host header"
        case .unsupportedVersion: "Only HTTP/1.0 and HTTP/1.1 are supported"
        case .invalidContentLength: "Invalid Content-Length"
        case .unsupportedTransferCoding: "Transfer-Encoding must end in chunked"
        case .malformedChunkedBody: "Malformed chunked request body"
        }
    }
}
