extension SpeedOptions {
    /// Speed component kinds as manifests spell them.
    enum Kind: String, CaseIterable {
        case fixed
    }

    /// Bounds on overall concurrency; the upper one guards against a typo exhausting sockets.
    static let concurrencyBounds = 1...10_000

    /// Reads the `speed` component. Defaults bend to what is given: per-host concurrency never exceeds the
    /// overall concurrency, and the maximum delay never falls below the delay.
    static func read(_ value: ConfigValue, at path: String, with reader: inout ManifestReader) -> SpeedOptions {
        var options = SpeedOptions()
        let allowed = ["concurrency", "per_host_concurrency", "delay", "delay_factor", "max_delay"]
        guard let component = reader.component(value, at: path, of: Kind.self),
              let params = reader.fields(of: component.params, at: component.paramsPath, allowed: allowed)
        else { return options }
        options.concurrency = reader.field("concurrency", of: params) { $0.int($1, at: $2, in: concurrencyBounds) }
            ?? options.concurrency
        let concurrency = options.concurrency
        options.perHostConcurrency = reader.field("per_host_concurrency", of: params) { reader, value, path in
            guard let number = reader.int(value, at: path, in: Int.min...Int.max) else { return nil }
            guard (1...concurrency).contains(number) else {
                reader.report(path, "must be between 1 and concurrency (\(concurrency))")
                return nil
            }
            return number
        } ?? min(options.perHostConcurrency, concurrency)
        options.delay = reader.field("delay", of: params) { $0.duration($1, at: $2, allowZero: true) } ?? options.delay
        let delay = options.delay
        options.delayFactor = reader.field("delay_factor", of: params) { reader, value, path in
            guard let factor = reader.number(value, at: path) else { return nil }
            guard (0...SpeedOptions.maximumDelayFactor).contains(factor) else {
                reader.report(path, factor < 0 ? "must not be negative"
                                  : "must be at most \(Int(SpeedOptions.maximumDelayFactor))")
                return nil
            }
            return factor
        } ?? options.delayFactor
        options.maxDelay = reader.field("max_delay", of: params) { reader, value, path in
            guard let maxDelay = reader.duration(value, at: path, allowZero: false) else { return nil }
            guard maxDelay >= delay else {
                reader.report(path, "must be at least delay (\(DurationText.format(delay)))")
                return nil
            }
            return maxDelay
        } ?? max(options.maxDelay, delay)
        return options
    }

    /// The canonical `speed` component.
    var configValue: ConfigValue {
        .component(Kind.fixed.rawValue, [
            ("concurrency", .int(concurrency)),
            ("per_host_concurrency", .int(perHostConcurrency)),
            ("delay", .duration(delay)),
            ("delay_factor", .double(delayFactor)),
            ("max_delay", .duration(maxDelay)),
        ])
    }
}
