import HTTPTypes
import Hummingbird

/// Keeps browsers on other sites from using the API through the user's own machine.
///
/// - **Cross-site requests.** An HTML form (or a `no-cors` fetch) on any web page can POST to `127.0.0.1` with a
///   form or plain-text body and no custom headers, and the browser sends it without asking. So a request that
///   changes state must show it was not made that way: a JSON content type (which a page can only send after a
///   CORS preflight the API never grants), an `Authorization` header, or an `X-Trawl-Client` header.
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
        if Self.changesState(request.method), !JSONBody.isJSON(request.headers[.contentType]),
           request.headers[.authorization] == nil, request.headers[Self.clientHeader] == nil {
            throw APIError.crossSiteRefused
        }
        return try await next(request, context)
    }

    /// The methods the API changes state with. Any other (QUERY, an invented one) is the router's to refuse.
    static func changesState(_ method: HTTPRequest.Method) -> Bool {
        method == .post || method == .put || method == .patch || method == .delete
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
