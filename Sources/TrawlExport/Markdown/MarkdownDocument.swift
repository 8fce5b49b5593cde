import Foundation
import TrawlCore

/// One page as a Markdown file: YAML front matter (url, title, fetched_at), then the title and text.
struct MarkdownDocument {
    let page: PageRecord
    let sha: String
    let text: String?

    init(_ stored: StoredPage, text: String?) {
        page = stored.page
        sha = stored.contentSHA256
        self.text = text
    }

    /// A readable, unique-enough file name: host and path flattened, plus a short hash of the URL.
    var fileName: String {
        let readable = page.url
            .replacingOccurrences(of: "https://", with: "")
            .replacingOccurrences(of: "http://", with: "")
            .map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" }
        let stem = String(String(readable).trimmingCharacters(in: CharacterSet(charactersIn: "_")).prefix(120))
        return "\(stem)-\(String(UInt64(truncatingIfNeeded: page.url.hashValueStable), radix: 16).prefix(8)).md"
    }

    func render() -> String {
        var out = "---\n"
        out += "url: \(Self.yamlString(page.url))\n"
        out += "title: \(page.title.map(Self.yamlString) ?? "null")\n"
        out += "fetched_at: \(Self.yamlString(Timestamp.format(page.fetchedAt)))\n"
        out += "status: \(page.status)\n"
        out += "content_sha256: \(Self.yamlString(sha))\n"
        out += "---\n\n"
        if let title = page.title, !title.isEmpty { out += "# \(title)\n\n" }
        if let text {
            // Visible text comes one block per line; blank lines make each block a Markdown paragraph.
            out += text.split(separator: "\n", omittingEmptySubsequences: true).joined(separator: "\n\n")
            out += "\n"
        }
        return out
    }

    /// A double-quoted YAML scalar: safe for any URL or title.
    static func yamlString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\x%02X", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

extension String {
    /// FNV-1a over UTF-8: stable across processes (unlike `hashValue`), for file names.
    var hashValueStable: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
