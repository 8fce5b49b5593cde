import Foundation
import HTTPTypes
import Hummingbird

/// The console's page frame and responses: every page is the same HTML document around its own main part, rendered
/// on the server, readable without JavaScript; `console.js` adds live updates where a page asks for them.
enum ConsolePage {
    /// Which section of the navigation a page belongs to.
    enum Section: String { case runs, jobs, search, none }

    /// A complete page with status `status`.
    static func render(_ title: String, section: Section, session: ConsoleSession?, status: HTTPResponse.Status = .ok,
                       problem: String? = nil, _ main: HTML) -> Response {
        let navigation: [HTML] = [("runs", "Runs"), ("jobs", "Jobs"), ("search", "Search")].map { name, label in
            let current: HTML = section.rawValue == name ? " aria-current=\"page\"" : ""
            return "<li><a href=\"/ui/\(name)\"\(current)>\(label)</a></li>"
        }
        let banner: HTML = problem.map { "<p class=\"problem\" role=\"alert\">\($0)</p>" } ?? ""
        let page: HTML = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · Trawl</title>
            <link rel="stylesheet" href="/ui/assets/console.css">
            <script src="/ui/assets/console.js" defer></script>
            </head>
            <body>
            <header class="top">
            <a class="brand" href="/ui/runs">Trawl</a>
            <nav aria-label="Sections"><ul>\(navigation)</ul></nav>
            \(session.map(tenantSwitch) ?? "")
            </header>
            <main id="main">
            <h1>\(title)</h1>
            \(banner)
            \(main)
            </main>
            </body>
            </html>
            """
        return response(page, status: status)
    }

    /// The tenant the pages show, a form to choose another, and signing out when signed in.
    private static func tenantSwitch(_ session: ConsoleSession) -> HTML {
        let csrf = csrfField(session)
        let choice: HTML
        if let allowed = session.allowedTenants {
            let options = allowed.sorted().map { tenant -> HTML in
                let selected: HTML = tenant == session.tenant ? " selected" : ""
                return "<option\(selected)>\(tenant)</option>"
            }
            choice = "<select id=\"tenant\" name=\"tenant\">\(options)</select>"
        } else {
            choice = "<input id=\"tenant\" name=\"tenant\" value=\"\(session.tenant)\" size=\"12\" required pattern=\"[A-Za-z0-9._\\-]{1,64}\">"
        }
        let signOut: HTML = session.key == nil ? "" : """
            <form method="post" action="/ui/sign-out">\(csrf)<button type="submit">Sign out</button></form>
            """
        return """
            <form class="tenant" method="post" action="/ui/tenant">\(csrf)<label for="tenant">Tenant</label> \(choice)
            <button type="submit">Switch</button></form>\(signOut)
            """
    }

    /// The hidden field every state-changing form carries.
    static func csrfField(_ session: ConsoleSession) -> HTML {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(session.csrfToken)\">"
    }

    /// `html` as a response, never cached (pages show live state and carry tokens).
    static func response(_ html: HTML, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: headers(contentType: "text/html; charset=utf-8"),
                 body: ResponseBody(byteBuffer: ByteBuffer(string: html.markup)))
    }

    /// The headers every console response carries: no caching, no framing by other sites, no guessing of types, and a
    /// content security policy that runs only the console's own script and style.
    static func headers(contentType: String) -> HTTPFields {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        fields[.cacheControl] = "no-store"
        fields[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        fields[HTTPField.Name("X-Frame-Options")!] = "DENY"
        fields[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        fields[HTTPField.Name("Content-Security-Policy")!] =
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'"
        return fields
    }

    /// 303 to `location` (after a form, so a reload does not send it again).
    static func redirect(to location: String) -> Response {
        var headers = headers(contentType: "text/plain; charset=utf-8")
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    /// A page saying what went wrong, with the API's status and message.
    static func failure(_ error: APIError, session: ConsoleSession?) -> Response {
        render(error.status.code == 404 ? "Not found" : "Something went wrong", section: .none, session: session,
               status: error.status, problem: error.message, "<p><a href=\"/ui/runs\">Back to the runs</a></p>")
    }
}
