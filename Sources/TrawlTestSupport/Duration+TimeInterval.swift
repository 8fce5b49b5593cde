/// Bridges `Duration` to the floating-point seconds that Foundation and poll() timeouts use.
extension Duration {
    /// The duration in (fractional) seconds.
    var timeInterval: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
