/// How a job's later runs treat what its previous run fetched: the manifest's `recrawl` component.
public struct RecrawlPolicy: Sendable, Equatable {
    /// `conditional` (the default) revalidates; `full` fetches every page again, unconditionally.
    public enum Kind: String, Sendable, CaseIterable {
        case conditional, full
    }

    public var kind: Kind
    /// Send `If-None-Match` / `If-Modified-Since` with the previous run's validators.
    public var useValidators: Bool
    /// A `200` whose body has the earlier digest is stored as a revisit of the earlier body.
    public var detectIdenticalPayload: Bool
    /// A sitemap `<lastmod>` older than the previous fetch means the page is not requested at all.
    public var useSitemapLastmod: Bool
    /// Pages the previous run confirmed more recently than this are not requested; zero requests every page.
    public var minAge: Duration

    /// A policy with every field given. The defaults suit a nightly job: every page is asked about, cheaply.
    public init(kind: Kind = .conditional, useValidators: Bool = true, detectIdenticalPayload: Bool = true,
                useSitemapLastmod: Bool = true, minAge: Duration = .zero) {
        self.kind = kind
        self.useValidators = useValidators
        self.detectIdenticalPayload = detectIdenticalPayload
        self.useSitemapLastmod = useSitemapLastmod
        self.minAge = minAge
    }

    /// Whether the previous run's pages are looked at at all.
    public var usesPreviousRun: Bool { kind == .conditional }
}
