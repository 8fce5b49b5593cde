import Foundation
import Hummingbird

/// A console form as posted (`application/x-www-form-urlencoded`), read within the API's body limits, with its CSRF
/// token checked before anything else looks at it.
struct ConsoleForm {
    private let parameters: QueryParameters

    /// The form of `request`; throws 403 when it does not carry the session's token, 415 for another body type.
    init(_ request: Request, session: ConsoleSession, limits: BodyLimits, checkingToken: Bool = true) async throws {
        let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard type == "application/x-www-form-urlencoded" else { throw APIError.unsupportedMediaType }
        let bytes = try await JSONBody.bytes(of: request, limits: limits)
        guard let text = String(bytes: bytes, encoding: .utf8) else { throw APIError.badRequest("the form is not UTF-8") }
        // Forms encode a space as "+" and a plus sign as "%2B".
        parameters = try QueryParameters(query: text.replacingOccurrences(of: "+", with: "%20"))
        if checkingToken, !session.accepts(csrf: parameters.last("csrf")) { throw Self.tokenRefused }
    }

    /// 403: a form without this session's token (sent from another site, or from a page of an expired session).
    static let tokenRefused = APIError(status: .forbidden, code: "csrf_refused",
                                       message: "the form's security token is missing or out of date: reload the page and try again")

    /// The value of field `name`, if sent.
    func value(_ name: String) -> String? { parameters.last(name) }
}
