import TrawlCore

/// How one request attempt failed: worth retrying (after the server's requested wait, if it gave one) or not.
enum AttemptFailure: Error {
    /// 429, 5xx, a network error or a timeout: a later attempt may succeed.
    case retryable(EmbedError, retryAfter: Duration?)
    /// Any other refusal or a malformed answer: retrying would get the same.
    case final(EmbedError)
}
