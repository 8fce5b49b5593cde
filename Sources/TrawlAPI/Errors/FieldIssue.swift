/// One problem with one request field, as listed in a 422 error's `fields`.
struct FieldIssue: Sendable, Equatable, Encodable {
    /// The field's name or path, e.g. `per_page` or `config.seeds[0].kind`.
    var field: String
    /// A stable machine-readable code, e.g. `out_of_range`.
    var code: String
    /// What is wrong, for the person who sent the request.
    var message: String

    /// An issue with `field`.
    init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }
}
