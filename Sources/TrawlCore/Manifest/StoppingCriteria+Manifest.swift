extension StoppingCriteria {
    /// Criterion kinds as manifests spell them; each takes one parameter of the same name.
    enum Kind: String, CaseIterable {
        case maxURLs = "max_urls"
        case maxDepth = "max_depth"
        case maxAge = "max_age"
        case maxEmptyEvaluations = "max_empty_evaluations"
    }

    /// Reads the `stopping_criteria` list; each kind may appear once.
    static func read(_ value: ConfigValue, at path: String, with reader: inout ManifestReader) -> StoppingCriteria {
        var criteria = StoppingCriteria()
        for component in reader.components(value, at: path, of: Kind.self, unique: true) {
            let name = component.kind.rawValue
            guard let params = reader.fields(of: component.params, at: component.paramsPath, allowed: [name]) else {
                continue
            }
            switch component.kind {
            case .maxURLs:
                criteria.maxURLs = reader.field(name, of: params, required: true) { $0.int($1, at: $2, in: 1...Int.max) }
            case .maxDepth:
                criteria.maxDepth = reader.field(name, of: params, required: true) { $0.int($1, at: $2, in: 0...Int.max) }
            case .maxAge:
                criteria.maxAge = reader.field(name, of: params, required: true) { $0.duration($1, at: $2, allowZero: false) }
            case .maxEmptyEvaluations:
                let limit = reader.field(name, of: params, required: true) { $0.int($1, at: $2, in: 1...Int.max) }
                criteria.maxEmptyEvaluations = limit ?? criteria.maxEmptyEvaluations
            }
        }
        return criteria
    }

    /// The canonical `stopping_criteria` list: the criteria set, then always `max_empty_evaluations`.
    var configValue: ConfigValue {
        var components: [ConfigValue] = []
        if let maxURLs { components.append(criterion(.maxURLs, .int(maxURLs))) }
        if let maxDepth { components.append(criterion(.maxDepth, .int(maxDepth))) }
        if let maxAge { components.append(criterion(.maxAge, .duration(maxAge))) }
        components.append(criterion(.maxEmptyEvaluations, .int(maxEmptyEvaluations)))
        return .array(components)
    }

    private func criterion(_ kind: Kind, _ value: ConfigValue) -> ConfigValue {
        .component(kind.rawValue, [(kind.rawValue, value)])
    }
}
