/// What a request body may cost: its size (413 beyond) and the time it may take to arrive (408 beyond).
struct BodyLimits: Sendable {
    var maxBytes: Int
    var timeout: Duration
}
