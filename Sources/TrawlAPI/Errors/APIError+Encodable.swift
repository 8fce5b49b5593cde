// The one error body every endpoint shares: {"error": {"status", "code", "message", "fields"?}}.

extension APIError: Encodable {
    private enum OuterKeys: String, CodingKey { case error }
    private enum InnerKeys: String, CodingKey { case status, code, message, fields }

    func encode(to encoder: any Encoder) throws {
        var outer = encoder.container(keyedBy: OuterKeys.self)
        var inner = outer.nestedContainer(keyedBy: InnerKeys.self, forKey: .error)
        try inner.encode(status.code, forKey: .status)
        try inner.encode(code, forKey: .code)
        try inner.encode(message, forKey: .message)
        try inner.encodeIfPresent(fields, forKey: .fields)
    }
}
