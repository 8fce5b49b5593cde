/// Form controls and tables the console's pages share: every control labelled, every value escaped.
enum ConsoleFields {
    /// A select offering `options`, `selected` chosen, after an "any" choice unless `offersAny` is false.
    static func select(_ name: String, _ label: String, _ options: [String], selected: String?,
                       offersAny: Bool = true) -> HTML {
        let choices = options.map { option -> HTML in
            let chosen: HTML = option == selected ? " selected" : ""
            return "<option value=\"\(option)\"\(chosen)>\(option)</option>"
        }
        let any: HTML = offersAny ? "<option value=\"\">any</option>" : ""
        return """
            <p><label for="f-\(name)">\(label)</label>
            <select id="f-\(name)" name="\(name)">\(any)\(choices)</select></p>
            """
    }

    /// A text input with its label.
    static func text(_ name: String, _ label: String, value: String?, placeholder: String = "") -> HTML {
        """
        <p><label for="f-\(name)">\(label)</label>
        <input id="f-\(name)" name="\(name)" value="\(value ?? "")" placeholder="\(placeholder)"></p>
        """
    }

    /// A filter of a list page, by its query parameter.
    enum Filter {
        /// A choice among `options`, after "any" unless `offersAny` is false.
        case select(_ name: String, _ label: String, _ options: [String], offersAny: Bool = true)
        /// Free text.
        case text(_ name: String, _ label: String, placeholder: String = "")
    }

    /// A filter form of `filters`, each showing its value among `values` (the page's parameters).
    static func filters(action: String, button: String = "Filter", _ filters: [Filter], values: [(String, String)]) -> HTML {
        self.filters(action: action, button: button, filters.map { filter -> HTML in
            switch filter {
            case .select(let name, let label, let options, let offersAny):
                select(name, label, options, selected: value(name, in: values), offersAny: offersAny)
            case .text(let name, let label, let placeholder):
                text(name, label, value: value(name, in: values), placeholder: placeholder)
            }
        })
    }

    /// A filter form (GET, so the address keeps the filters and can be bookmarked).
    static func filters(action: String, button: String = "Filter", _ fields: [HTML]) -> HTML {
        """
        <form class="filters" method="get" action="\(action)" role="search" aria-label="\(button)">
        \(fields)<p><button type="submit">\(button)</button> <a href="\(action)">Clear</a></p>
        </form>
        """
    }

    /// A table of `rows` with a header of `columns`; `caption` says what it lists.
    static func table(_ caption: String, columns: [String], rows: [[HTML]], empty: String) -> HTML {
        guard !rows.isEmpty else { return "<p class=\"empty\">\(empty)</p>" }
        let head = columns.map { column -> HTML in "<th scope=\"col\">\(column)</th>" }
        let body = rows.map { cells -> HTML in "<tr>\(cells.map { cell -> HTML in "<td>\(cell)</td>" })</tr>" }
        return """
            <div class="scroll"><table><caption>\(caption)</caption>
            <thead><tr>\(head)</tr></thead><tbody>\(body)</tbody></table></div>
            """
    }

    /// A status as a word with a class for its colour: the word carries the meaning, the colour only repeats it.
    static func badge(_ status: String) -> HTML {
        "<span class=\"badge badge-\(status)\">\(status)</span>"
    }

    /// The "next page" link, when there is one: the same filters, the next cursor.
    static func nextPage(_ path: String, parameters: [(String, String)], cursor: String?) -> HTML {
        guard let cursor else { return "" }
        let link = path + ConsoleLinks.query(parameters.filter { $0.0 != "page" } + [("page", cursor)])
        return "<p class=\"pager\"><a href=\"\(link)\" rel=\"next\">Next page →</a></p>"
    }

    /// The last value of `name` among `parameters`.
    static func value(_ name: String, in parameters: [(String, String)]) -> String? {
        parameters.last { $0.0 == name }?.1
    }
}
