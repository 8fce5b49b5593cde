import Foundation
import TrawlCore

/// How a response head is rendered: the server owns framing and connection management.
extension FixtureResponse {
    /// How the body's end is signalled.
    enum WireFraming: Equatable {
        case contentLength(Int)
        case chunked
        /// No length at all: the body ends when the connection closes (or there is none).
        case none
    }

    /// The name the server gives in its `Server` header.
    static let serverName = "Trawl-FixtureServer"

    /// Fields the server always writes itself, so a response cannot misframe by accident.
    private static let serverOwnedFields: Set<String> = ["content-length", "transfer-encoding", "connection"]

    /// Whether the status may carry a body (RFC 9110 §6.4.1).
    var statusAllowsBody: Bool {
        !(100..<200).contains(status) && status != 204 && status != 304
    }

    /// Whether the handler asked for the connection to be closed after this response.
    var asksToClose: Bool {
        headers.contains { field in
            field.name.lowercased() == "connection"
                && field.value.split(separator: ",").contains {
                    $0.trimmingCharacters(in: .whitespaces).lowercased() == "close"
                }
        }
    }

    /// The status line and header section, ending with the empty line.
    func wireHead(framing: WireFraming, connection: String?, now: Date = Date()) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(HTTPReasonPhrase.phrase(for: status) ?? "Unknown")\r\n"
        if header("Date") == nil { head += "Date: \(IMFFixdate.string(from: now))\r\n" }
        if header("Server") == nil { head += "Server: \(Self.serverName)\r\n" }
        for field in headers where !Self.serverOwnedFields.contains(field.name.lowercased()) {
            head += "\(field.name): \(field.value)\r\n"
        }
        switch framing {
        case let .contentLength(length): head += "Content-Length: \(length)\r\n"
        case .chunked: head += "Transfer-Encoding: chunked\r\n"
        case .none: break
        }
        if let connection { head += "Connection: \(connection)\r\n" }
        head += "\r\n"
        return Array(head.utf8)
    }
}
