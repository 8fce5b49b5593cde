import Foundation
import Hummingbird

/// The console's URLs: built in one place, with every value percent-encoded, and return addresses kept on the console.
enum ConsoleLinks {
    /// The sign-in page, returning to `path` (with `query`) afterwards.
    static func signIn(returningTo path: String, query: String?) -> String {
        let target = query.map { "\(path)?\($0)" } ?? path
        return "/ui/sign-in?next=\(encode(safeReturn(target)))"
    }

    /// `target` when it is a console path of this server, else the runs list: a sign-in link cannot send the browser
    /// to another site (`//evil.example`, `/\evil.example`, `https:…`).
    static func safeReturn(_ target: String?) -> String {
        guard let target, target.hasPrefix("/ui"), !target.hasPrefix("//"), !target.contains("\\"),
              target.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else { return "/ui/runs" }
        return target
    }

    /// `text` percent-encoded for a query value.
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A query string from `parameters` (blank values left out), with `?` when not empty.
    static func query(_ parameters: [(String, String)]) -> String {
        let pairs = parameters.filter { !$0.1.isEmpty }.map { "\(encode($0.0))=\(encode($0.1))" }
        return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
    }

    /// The parameters of a query string as sent, decoded, blanks dropped (a GET form sends every field, filled or not).
    static func parameters(_ query: String?) -> [(String, String)] {
        guard let query else { return [] }
        return query.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = String(parts[0]).replacingOccurrences(of: "+", with: "%20").removingPercentEncoding,
                  let value = (parts.count > 1 ? String(parts[1]) : "").replacingOccurrences(of: "+", with: "%20")
                      .removingPercentEncoding,
                  !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            return (name, value)
        }
    }
}
