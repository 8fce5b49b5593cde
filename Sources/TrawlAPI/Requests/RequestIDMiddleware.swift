import Foundation
import HTTPTypes
import Hummingbird

/// Gives every request an ID (the client's when it sent a sane one) and returns it in `X-Request-Id`.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = TrawlRequestContext

    static let header = HTTPField.Name("X-Request-Id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let id = request.headers[Self.header].flatMap(Self.sane) ?? UUID().uuidString.lowercased()
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        var response = try await next(request, context)
        response.headers[Self.header] = id
        return response
    }

    /// A client's ID is echoed only when it cannot smuggle anything into headers or logs.
    static func sane(_ id: String) -> String? {
        guard (1...128).contains(id.utf8.count),
              id.utf8.allSatisfy({ byte in
                  switch byte {
                  case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                       UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                       UInt8(ascii: ":"):
                      true
                  default:
                      false
                  }
              })
        else { return nil }
        return id
    }
}
