import Foundation
import HTTPTypes
import Hummingbird
import TrawlCore

/// `/.well-known/openapi.json` (the document) and `/.well-known/docs` (a page for people), open to everyone.
struct OpenAPIRoutes {
    func register(on router: Router<TrawlRequestContext>) {
        // Encoded once: the document never changes while the process runs.
        let document = Self.encodedDocument
        router.get("/.well-known/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(bytes: document)))
        }
        let page = Self.docsPage
        router.get("/.well-known/docs") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
        }
        MethodGuard.restrict("/.well-known/openapi.json", to: [.get], on: router)
        MethodGuard.restrict("/.well-known/docs", to: [.get], on: router)
    }

    static let encodedDocument: Data = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(OpenAPIDocument.value)) ?? Data("{}".utf8)
    }()

    /// Every operation with its method, path and summary, generated from the document so the two cannot drift.
    static var docsPage: String {
        var rows = ""
        if case .object(let paths)? = OpenAPIDocument.value["paths"] {
            for (path, item) in paths {
                guard case .object(let operations) = item else { continue }
                for (method, operation) in operations where method != "parameters" {
                    var summary = ""
                    if case .string(let text)? = operation["summary"] { summary = text }
                    rows += "<tr><td><code>\(method.uppercased())</code></td><td><code>\(HTML.escape(path))</code></td>"
                        + "<td>\(HTML.escape(summary))</td></tr>\n"
                }
            }
        }
        return """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Trawl API</title>
            <style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem}td{padding:.2rem .8rem}
            code{font-size:14px}</style></head><body><h1>Trawl API</h1>
            <p>Machine-readable: <a href="/.well-known/openapi.json">/.well-known/openapi.json</a> (OpenAPI 3.1).
            Send <code>X-Tenant-Id</code> to choose a tenant and <code>Authorization: Bearer</code> when keys are configured.
            Lists take <code>page</code> and <code>per_page</code> and answer <code>{"data": [...], "next_page": ...}</code>;
            errors answer <code>{"error": {"status", "code", "message", "fields"}}</code>.</p>
            <table>\(rows)</table></body></html>
            """
    }
}
