extension StartingCriteria {
    /// Criterion kinds as manifests spell them.
    enum Kind: String, CaseIterable {
        case exclusive
    }

    /// Group names of `exclusive.params.by`.
    enum By: String, CaseIterable {
        case tenantID = "tenant_id"
        case jobID = "job_id"
        case labels
    }

    /// Reads the `starting_criteria` list; `exclusive` may appear several times (one limit per group).
    static func read(_ value: ConfigValue, at path: String, with reader: inout ManifestReader) -> StartingCriteria {
        var criteria = StartingCriteria()
        for component in reader.components(value, at: path, of: Kind.self, unique: false) {
            guard let params = reader.fields(of: component.params, at: component.paramsPath,
                                             allowed: ["by", "limit", "keys"]) else { continue }
            let by = reader.field("by", of: params, required: true) { reader, value, path -> By? in
                guard let name = reader.string(value, at: path) else { return nil }
                guard let by = By(rawValue: name) else {
                    reader.report(path, NameSuggestion.unknownValue("by", name, expected: By.allCases.map(\.rawValue)))
                    return nil
                }
                return by
            }
            let limit = reader.field("limit", of: params) { $0.int($1, at: $2, in: 1...10_000) } ?? 1
            let keys = reader.field("keys", of: params) { $0.strings($1, at: $2) }
            if keys != nil, by != .labels {
                reader.report(params.path("keys"), "applies only when by is labels")
            }
            switch by {
            case .tenantID: criteria.exclusive.append(ExclusiveRule(by: .tenant, limit: limit))
            case .jobID: criteria.exclusive.append(ExclusiveRule(by: .job, limit: limit))
            case .labels: criteria.exclusive.append(ExclusiveRule(by: .labels(keys: keys ?? []), limit: limit))
            case nil: continue
            }
        }
        return criteria
    }

    /// The canonical `starting_criteria` list.
    var configValue: ConfigValue {
        .array(exclusive.map { rule in
            var params: [(String, ConfigValue)] = []
            switch rule.by {
            case .tenant: params.append(("by", .string(By.tenantID.rawValue)))
            case .job: params.append(("by", .string(By.jobID.rawValue)))
            case .labels(let keys):
                params.append(("by", .string(By.labels.rawValue)))
                if !keys.isEmpty { params.append(("keys", .array(keys.map(ConfigValue.string)))) }
            }
            params.append(("limit", .int(rule.limit)))
            return .component(Kind.exclusive.rawValue, params)
        })
    }
}

extension ExclusiveRule: CustomStringConvertible {
    /// How the rule reads in an error message.
    public var description: String {
        switch by {
        case .tenant: "at most \(limit) active run(s) per tenant"
        case .job: "at most \(limit) active run(s) of this job"
        case .labels(let keys) where keys.isEmpty: "at most \(limit) active run(s) with the same labels"
        case .labels(let keys): "at most \(limit) active run(s) with the same \(keys.joined(separator: ", ")) label(s)"
        }
    }
}
