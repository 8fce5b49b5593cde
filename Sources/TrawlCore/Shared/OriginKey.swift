/// The origin part of a normalised URL string ("https://example.com:8443" of "https://example.com:8443/a?b"): how a
/// shared run's frontier rows are grouped for leasing. The store derives the same key with the same rule (everything
/// up to the first "/", "?" or "#" after "://"), so a key computed here matches a key stored there.
public enum OriginKey {
    public static func of(_ url: String) -> String {
        guard let separator = url.range(of: "://") else { return url }
        let rest = url[separator.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        return String(url[..<end])
    }
}
