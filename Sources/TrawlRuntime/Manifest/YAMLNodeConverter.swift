import TrawlCore
import Yams

/// Turns a composed Yams node tree into a `ConfigValue`, typing plain scalars by the YAML 1.2 core schema.
///
/// Yams' default resolver follows YAML 1.1: `yes`/`no`/`on`/`off` become booleans, `1:30` a sexagesimal integer,
/// `1_000` and `0b101` integers, `2024-01-01` a timestamp. Manifests carry country codes, times and versions where
/// those readings surprise, so only the core schema applies: `true`/`false`, decimal, `0o` and `0x` integers,
/// floats, `null`/`~`; every other plain scalar is a string.
struct YAMLNodeConverter {
    /// A problem at a place in the text.
    struct Failure: Error {
        var mark: Mark?
        var message: String
    }

    /// Resolves plain scalars by the YAML 1.2 core schema (rules are tried in order, so integers win over floats).
    static let coreSchema: Resolver = {
        do {
            return try Resolver.basic
                .appending(.bool, "^(?:true|True|TRUE|false|False|FALSE)$")
                .appending(.int, "^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
                .appending(.float, "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                    + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$")
                .appending(.null, "^(?:~|null|Null|NULL|)$")
        } catch {
            preconditionFailure("core schema patterns are fixed and valid: \(error)")
        }
    }()

    /// Values an alias-heavy document may expand to before it is refused (a "billion laughs" guard).
    static let maximumValues = 1_000_000

    private var remainingValues = YAMLNodeConverter.maximumValues

    /// The value of `node` and everything under it.
    mutating func convert(_ node: Node) throws(Failure) -> ConfigValue {
        remainingValues -= 1
        guard remainingValues >= 0 else {
            throw Failure(mark: node.mark, message: "the document expands to more than \(Self.maximumValues) values")
        }
        switch node {
        case .scalar(let scalar):
            return try Self.value(of: scalar, tag: node.tag)
        case .sequence(let sequence):
            try Self.expect(node, tagged: .seq)
            var elements: [ConfigValue] = []
            for element in sequence { elements.append(try convert(element)) }
            return .array(elements)
        case .mapping(let mapping):
            try Self.expect(node, tagged: .map)
            return .object(try pairs(of: mapping))
        case .alias(let alias):
            throw Failure(mark: alias.mark, message: "unresolved alias '*\(alias.anchor.rawValue)'")
        }
    }

    /// The pairs of a mapping in document order, `<<` merge keys expanded (explicit keys win, then earlier merges).
    private mutating func pairs(of mapping: Node.Mapping) throws(Failure) -> [(String, ConfigValue)] {
        var explicitKeys: Set<String> = []
        for (key, _) in mapping where !Self.isMergeKey(key) { explicitKeys.insert(try Self.string(ofKey: key)) }
        var pairs: [(String, ConfigValue)] = []
        var merged: Set<String> = []
        for (key, value) in mapping {
            guard Self.isMergeKey(key) else {
                pairs.append((try Self.string(ofKey: key), try convert(value)))
                continue
            }
            let sources = value.sequence.map(Array.init) ?? [value]
            for source in sources {
                guard source.mapping != nil, case .object(let sourcePairs) = try convert(source) else {
                    throw Failure(mark: source.mark, message: "a merge key '<<' takes a mapping or a list of mappings")
                }
                for (name, value) in sourcePairs where !explicitKeys.contains(name) && merged.insert(name).inserted {
                    pairs.append((name, value))
                }
            }
        }
        return pairs
    }

    private static func isMergeKey(_ key: Node) -> Bool {
        guard case .scalar(let scalar) = key else { return false }
        return scalar.string == "<<" && scalar.style == .plain
    }

    private static func string(ofKey key: Node) throws(Failure) -> String {
        guard case .scalar(let scalar) = key else {
            throw Failure(mark: key.mark, message: "mapping keys must be plain text, not lists or mappings")
        }
        return scalar.string
    }

    private static func expect(_ node: Node, tagged name: Tag.Name) throws(Failure) {
        guard node.tag.rawValue == name.rawValue else { throw Failure(mark: node.mark, message: "unsupported tag '\(node.tag)'") }
    }

    /// A scalar typed by its tag: explicit (`!!int 3`), from quoting (always a string), or resolved by the core schema.
    private static func value(of scalar: Node.Scalar, tag: Tag) throws(Failure) -> ConfigValue {
        let text = scalar.string
        switch Tag.Name(rawValue: tag.rawValue) {
        case .str:
            return .string(text)
        case .null:
            return .null
        case .bool:
            switch text.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw Failure(mark: scalar.mark, message: "'\(text)' is not true or false")
            }
        case .int:
            guard let number = integer(text) else {
                throw Failure(mark: scalar.mark, message: "'\(text)' is not an integer in the supported range")
            }
            return .int(number)
        case .float:
            guard let number = float(text) else { throw Failure(mark: scalar.mark, message: "'\(text)' is not a number") }
            return .double(number)
        default:
            throw Failure(mark: scalar.mark, message: "unsupported tag '\(tag)'")
        }
    }

    /// Decimal with optional sign, `0o` octal or `0x` hexadecimal; nil when malformed or out of `Int`'s range.
    private static func integer(_ text: String) -> Int? {
        if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8) }
        if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
        return Int(text)
    }

    /// A core-schema float, including `.inf`, `-.inf` and `.nan`.
    private static func float(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": .infinity
        case "-.inf", "-.Inf", "-.INF": -.infinity
        case ".nan", ".NaN", ".NAN": .nan
        default: Double(text)
        }
    }
}
