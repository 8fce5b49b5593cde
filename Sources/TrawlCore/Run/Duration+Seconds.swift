extension Duration {
    /// The duration in (fractional) seconds, for Foundation dates and time intervals.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// `seconds` as a duration of at most `cap`, to the millisecond; zero for a negative or NaN value. For numbers a
    /// peer sends (`Crawl-delay`, `Retry-After`): `Duration`'s own initialisers trap past `Int64` (a `Crawl-delay` of
    /// 1e16 or a `Retry-After` of `inf` killed the crawl), so the value is clamped while still a `Double`.
    public static func seconds(_ seconds: Double, atMost cap: Duration) -> Duration {
        guard seconds > 0 else { return .zero }
        guard seconds < cap.seconds else { return cap }
        // A cap can itself be past what milliseconds in an Int64 hold (a manifest's `max_crawl_delay`).
        guard seconds < 9e15 else { return .seconds(9_000_000_000_000_000 as Int64) }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}
