extension Duration {
    /// The duration in (fractional) seconds, for Foundation dates and time intervals.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
