import HTTPTypes
import Hummingbird

/// Keeps browsers on other sites from using the API through the user's own machine.
///
/// - **Cross-site requests.** An HTML form (or a `no-cors` fetch) on any web page can POST to `127.0.0.1` with a
///   form or plain-text body and no custom headers, and the browser sends it without asking. So a request that
///   changes state must show it was not made that way: a JSON body (a page can only send one after a CORS
///   preflight the API never grants), an `Authorization` header, or an `X-Trawl-Client` header.
/// - **DNS rebinding.** A page on `evil.example` whose name is re-pointed at 127.0.0.1 reaches the API as
///   same-origin. Without API keys, requests must therefore name one of the server's own host names in `Host`.
struct RequestOriginMiddleware: RouterMiddleware {
    typealias Context = TrawlRequestContext

    static let clientHeader = HTTPField.Name("X-Trawl-Client")!

    /// Host names (lower case, no port, IPv6 without brackets) requests may name; nil accepts any (API keys on).
    let allowedHosts: Set<String>?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let allowedHosts {
            guard let host = Self.hostName(request.head.authority), allowedHosts.contains(host) else {
                throw APIError.misdirected
            }
        }
        // Marked here, refused where a state change is about to happen (`ServiceCall`): a method the path does not
        // serve must still be a 405, and a body that is not JSON a 415 from the body reader.
        // A JSON body is proof enough; a bodiless request shows it with a header, as the OpenAPI document requires.
        let hasBody = (request.headers[.contentLength].flatMap(Int.init) ?? 0) > 0 || request.headers[.transferEncoding] != nil
        var context = context
        context.mayBeCrossSite = Self.changesState(request.method)
            && !(hasBody && JSONBody.isJSON(request.headers[.contentType]))
            && request.headers[.authorization] == nil && !Self.isClientMark(request.headers[Self.clientHeader])
        return try await next(request, context)
    }

    /// The methods the API changes state with. Any other (QUERY, an invented one) is the router's to refuse.
    static func changesState(_ method: HTTPRequest.Method) -> Bool {
        method == .post || method == .put || method == .patch || method == .delete
    }

    /// A non-empty `X-Trawl-Client` of visible ASCII (what a form cannot send, and what the document allows).
    static func isClientMark(_ value: String?) -> Bool {
        guard let value, !value.isEmpty else { return false }
        return value.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }

    /// `Host` without its port, lower-cased, IPv6 brackets removed; nil when absent or malformed.
    static func hostName(_ authority: String?) -> String? {
        guard var text = authority?.lowercased(), !text.isEmpty else { return nil }
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let rest = text[text.index(after: close)...]
            guard rest.isEmpty || (rest.hasPrefix(":") && rest.dropFirst().allSatisfy(\.isNumber)) else { return nil }
            return String(text[text.index(after: text.startIndex)..<close])
        }
        if let colon = text.lastIndex(of: ":") {
            guard text[text.index(after: colon)...].allSatisfy(\.isNumber) else { return nil }
            text = String(text[..<colon])
        }
        if text.hasSuffix(".") { text.removeLast() }
        return text.isEmpty ? nil : text
    }
}
