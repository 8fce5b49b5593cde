/// Why a body could not be read as a sitemap.
public enum SitemapError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body is neither a sitemap XML document nor a list of URLs; the payload says what was found.
    case notASitemap(String)
    /// The (decompressed) body exceeds the size limit, given in bytes.
    case tooLarge(Int)
    /// The body starts like gzip but does not decompress.
    case corruptGzip

    /// A message fit for a log line or a user.
    public var description: String {
        switch self {
        case .notASitemap(let reason):
            return "not a sitemap: \(reason)"
        case .tooLarge(let limit):
            let mebibytes = 1024 * 1024
            let size = limit >= mebibytes && limit % mebibytes == 0 ? "\(limit / mebibytes) MiB" : "\(limit) bytes"
            return "sitemap is larger than the limit of \(size) once decompressed"
        case .corruptGzip:
            return "sitemap is gzip-compressed but the data is corrupt or truncated"
        }
    }
}
