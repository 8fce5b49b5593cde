import Crypto
import Foundation

/// What the console knows about the browser it answers: its session (a random ID in a cookie), the key it signed in
/// with, the tenant it acts for and those it may choose, and the token its forms must carry.
///
/// Cookies are `HttpOnly` (page scripts never see the key) and `SameSite=Strict` (a page on another site cannot make
/// the browser send them). Forms carry a CSRF token too: an HMAC of the session ID under a secret an attacker cannot
/// know (the signed-in key, or this process's own random secret when no keys are configured), so a token taken from
/// one browser is useless in another and a cookie planted from a sibling domain cannot be paired with a valid token.
struct ConsoleSession: Sendable {
    static let sessionCookie = "trawl_session"
    static let keyCookie = "trawl_key"
    static let tenantCookie = "trawl_tenant"

    /// The session's random ID (hex).
    var id: String
    /// The API key the browser signed in with; nil when no keys are configured.
    var key: String?
    /// The tenant pages show.
    var tenant: String
    /// The tenants the key may use; nil for any.
    var allowedTenants: Set<String>?
    /// What the forms of this session carry.
    var csrfToken: String
    /// Whether the browser reached the console over HTTPS (through a proxy that says so): cookies are then `Secure`.
    var secure = false

    /// A new random session ID.
    static func newID() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }
    }

    /// Whether `id` has the shape `newID` makes (a cookie value is otherwise the client's to choose).
    static func isSessionID(_ id: String) -> Bool {
        id.utf8.count == 64 && id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The CSRF token of session `id` under `secret`.
    static func csrfToken(session id: String, secret: SymmetricKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(id.utf8), using: secret)
        return Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The secret a session's tokens are made with: derived from its key (the same in every server process behind a
    /// load balancer), else this process's own.
    static func csrfSecret(key: String?, processSecret: SymmetricKey) -> SymmetricKey {
        guard let key else { return processSecret }
        return SymmetricKey(data: SHA256.hash(data: Data("trawl-console-csrf\u{0}\(key)".utf8)))
    }

    /// Whether `token` is this session's (compared in constant time).
    func accepts(csrf token: String?) -> Bool {
        guard let token else { return false }
        return AuthMiddleware.constantTimeEquals(token, csrfToken)
    }

    /// A `Set-Cookie` value for the console's paths; `Secure` when the session came over HTTPS.
    func cookie(_ name: String, _ value: String, maxAge: Int? = nil) -> String {
        var cookie = "\(name)=\(value); Path=/ui; HttpOnly; SameSite=Strict"
        if secure { cookie += "; Secure" }
        if let maxAge { cookie += "; Max-Age=\(maxAge)" }
        return cookie
    }

    /// Whether a proxy in front says the browser used HTTPS (`X-Forwarded-Proto: https`, the first hop's). Trawl serves
    /// plain HTTP itself; behind TLS, the cookies must not travel without it. Claiming HTTPS falsely only makes a
    /// browser keep the cookies off plain HTTP.
    static func cameOverHTTPS(_ forwardedProto: String?) -> Bool {
        forwardedProto?.split(separator: ",").first?.trimmingCharacters(in: .whitespaces).lowercased() == "https"
    }

    /// The cookies of a `Cookie` header, by name (the first of a name wins, as browsers send the most specific first).
    static func cookies(_ header: String?) -> [String: String] {
        var cookies: [String: String] = [:]
        for pair in (header ?? "").split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            if cookies[name] == nil { cookies[name] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return cookies
    }
}
