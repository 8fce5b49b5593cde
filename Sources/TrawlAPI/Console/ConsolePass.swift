import Crypto
import Foundation

/// What the console's key cookie holds: a pass signed with the API key the browser signed in with, naming the key by
/// a fingerprint and good until a time, instead of the key itself.
///
/// Browsers do not keep cookies apart by port, and proxies log them: a cookie holding the key made any leak of it a
/// bearer token for the whole API, for as long as the key lived. A pass opens only the console, and only for
/// `lifetime`. It needs no server state, so every server behind a load balancer reads the passes of the others (they
/// share the keys), and a key removed from the configuration ends its passes.
enum ConsolePass {
    /// How long a sign-in lasts.
    static let lifetime: TimeInterval = 12 * 3_600

    /// A pass for `key`, good until `expiry`: `v1.<fingerprint>.<expiry>.<mac>`.
    static func mint(for key: String, expiry: Date) -> String {
        let body = "v1.\(fingerprint(of: key)).\(Int(expiry.timeIntervalSince1970))"
        return body + "." + mac(body, key: key)
    }

    /// The key among `keys` that signed `pass`, while the pass is good at `now`; nil for anything else.
    static func key(of pass: String, among keys: [APIKey], now: Date) -> APIKey? {
        let parts = pass.split(separator: ".", omittingEmptySubsequences: false)
        // Never further off than a pass is minted for (and five minutes of clocks disagreeing between servers).
        guard parts.count == 4, parts[0] == "v1", let expiry = Int(parts[2]), TimeInterval(expiry) > now.timeIntervalSince1970,
              TimeInterval(expiry) <= now.timeIntervalSince1970 + lifetime + 300
        else { return nil }
        let body = parts[0...2].joined(separator: ".")
        let given = String(parts[3])
        for key in keys where fingerprint(of: key.token) == parts[1] {
            if AuthMiddleware.constantTimeEquals(mac(body, key: key.token), given) { return key }
        }
        return nil
    }

    /// Names a key without revealing it: 16 hex digits of a hash.
    private static func fingerprint(of key: String) -> String {
        SHA256.hash(data: Data("trawl-console-key\u{0}\(key)".utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    private static func mac(_ body: String, key: String) -> String {
        let secret = SymmetricKey(data: SHA256.hash(data: Data("trawl-console-pass\u{0}\(key)".utf8)))
        return Data(HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: secret)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
