import Foundation
import Testing
import TrawlCore
import TrawlRuntime

@Suite struct ManifestLoaderTests {
    static let yaml = """
        name: docs-crawl
        labels: {team: search, env: prod}
        config:
          seeds:
            - kind: static_list
              params: {urls: ["https://example.com/"]}
            - kind: sitemap
              params: {urls: ["https://example.com/sitemap.xml"], limit: 5000}
          stopping_criteria:
            - {kind: max_urls, params: {max_urls: 1000}}
            - {kind: max_age, params: {max_age: 30m}}
          ranker: {kind: depth}
          filters:
            - {kind: regex_patterns, params: {allow: ["^https://example\\\\.com/docs/"], default_allow: false}}
          fetcher: {kind: http, params: {headers: {Accept-Language: en}, max_body_bytes: 1MiB}}
          speed: {kind: fixed, params: {delay: 500ms, delay_factor: 1.5}}
        """

    static let json = """
        {"name": "docs-crawl", "labels": {"team": "search", "env": "prod"},
         "config": {
           "seeds": [{"kind": "static_list", "params": {"urls": ["https://example.com/"]}},
                     {"kind": "sitemap", "params": {"urls": ["https://example.com/sitemap.xml"], "limit": 5000}}],
           "stopping_criteria": [{"kind": "max_urls", "params": {"max_urls": 1000}}, {"kind": "max_age", "params": {"max_age": "30m"}}],
           "ranker": {"kind": "depth"},
           "filters": [{"kind": "regex_patterns", "params": {"allow": ["^https://example\\\\.com/docs/"], "default_allow": false}}],
           "fetcher": {"kind": "http", "params": {"headers": {"Accept-Language": "en"}, "max_body_bytes": 1048576}},
           "speed": {"kind": "fixed", "params": {"delay": 0.5, "delay_factor": 1.5}}
         }}
        """

    @Test func parsesYAMLIntoTypedValues() throws {
        let manifest = try ManifestLoader.parse(Self.yaml, format: .yaml)
        #expect(manifest.name == "docs-crawl")
        #expect(manifest.labels == ["team": "search", "env": "prod"])
        #expect(manifest.config.seeds == [
            .staticList(urls: ["https://example.com/"]), .sitemap(urls: ["https://example.com/sitemap.xml"], limit: 5_000),
        ])
        #expect(manifest.config.stopping == StoppingCriteria(maxURLs: 1_000, maxAge: .seconds(1_800)))
        #expect(manifest.config.ranker == .depth)
        #expect(manifest.config.filters == [.regex(allow: [#"^https://example\.com/docs/"#], deny: [], defaultAllow: false), .scope(.host)])
        #expect(manifest.config.fetcher.headers == ["Accept-Language": "en"])
        #expect(manifest.config.fetcher.maxBodyBytes == 1_048_576)
        #expect(manifest.config.speed.delay == .milliseconds(500))
        #expect(manifest.config.speed.delayFactor == 1.5)
    }

    @Test func parsesJSONThroughTheSamePath() throws {
        #expect(try ManifestLoader.parse(Self.json, format: .json) == ManifestLoader.parse(Self.yaml, format: .yaml))
    }

    @Test(arguments: [
        ("yes", ConfigValue.string("yes")), ("on", "on"), ("No", "No"), ("true", true), ("False", false), ("~", .null),
        ("null", .null), ("", .null), ("42", 42), ("-7", -7), ("017", 17), ("0o17", 15), ("0x1F", 31), ("1_000", "1_000"),
        ("1:30", "1:30"), ("2024-01-01", "2024-01-01"), ("1.5", 1.5), ("1e3", 1_000.0), ("'42'", "42"), ("\"true\"", "true"),
        ("!!str 42", "42"), ("!!int \"42\"", 42), ("!!float 1", 1.0), ("30m", "30m"), ("=", "="), ("-.inf", .double(-.infinity)),
    ])
    func typesScalarsByTheYAML12CoreSchema(scalar: String, expected: ConfigValue) throws {
        #expect(try ManifestLoader.configValue(yaml: "value: \(scalar)") == ["value": expected])
    }

    @Test func keepsKeyOrder() throws {
        let value = try ManifestLoader.configValue(yaml: "z: 1\na: 2\nm: {y: 3, b: 4}\n")
        #expect(value == .object([("z", 1), ("a", 2), ("m", .object([("y", 3), ("b", 4)]))]))
    }

    @Test func resolvesAnchorsAliasesAndMergeKeys() throws {
        let value = try ManifestLoader.configValue(yaml: """
            base: &base {timeout: 30s, max_retries: 2}
            urls: &urls [a, b]
            fetcher:
              <<: *base
              max_retries: 5
            seeds: *urls
            """)
        // Merged keys take the place of `<<`; explicit keys win.
        #expect(value["fetcher"] == .object([("timeout", "30s"), ("max_retries", 5)]))
        #expect(value["seeds"] == ["a", "b"])
    }

    @Test func yesIsAStringSoABooleanFieldRefusesIt() {
        let text = "name: n\nconfig:\n  seeds: [{kind: static_list, params: {urls: [https://example.com/]}}]\n"
            + "  policies: [{kind: robots_txt, params: {obey: yes}}]\n"
        #expect(throws: ManifestLoadError.invalid(source: nil, ManifestError(issues: [
            .init(path: "config.policies[0].params.obey", message: "expected true or false"),
        ]))) {
            try ManifestLoader.parse(text, format: .yaml)
        }
    }

    @Test func syntaxErrorsGiveLineAndColumn() throws {
        let error = try #require(throws: ManifestLoadError.self) {
            try ManifestLoader.parse("name: n\nconfig:\n  seeds: [a, b\n  ranker: {kind: depth}\n", format: .yaml)
        }
        guard case let .syntax(source, format, line, column, message) = error else {
            Issue.record("expected a syntax error, got \(error)")
            return
        }
        #expect(source == nil)
        #expect(format == .yaml)
        #expect(line == 4)
        #expect(column == 9)
        #expect(message.contains("did not find expected ',' or ']'"))
        #expect(message.contains("line 3, column 10"))
        #expect(error.description.hasPrefix("line 4, column 9: invalid YAML: did not find expected ',' or ']'"))
    }

    /// A document nested past libyaml's limit is refused in the manifest's terms, not in the C library's.
    @Test func nestingPastTheParsersLimitIsReportedInPlainWords() throws {
        let deep = (0..<1_100).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " 1\n"
        let error = try #require(throws: ManifestLoadError.self) { try ManifestLoader.configValue(untrustedYAML: deep) }
        #expect(error.description.contains("nested too deeply"), "\(error)")
        #expect(!error.description.contains("yaml_set_max_nest_level"))
    }

    @Test func jsonSyntaxErrorsNameJSON() throws {
        let error = try #require(throws: ManifestLoadError.self) {
            try ManifestLoader.parse("{\"name\": \"n\",\n \"config\": {\"seeds\": [}\n}", format: .json)
        }
        guard case let .syntax(_, format, line, _, _) = error else {
            Issue.record("expected a syntax error, got \(error)")
            return
        }
        #expect(format == .json)
        #expect(line == 2)
        #expect(error.description.contains("invalid JSON"))
    }

    @Test(arguments: [
        ("a: 1\na: 2\n", 1, 1, "duplicate key 'a' in a mapping"),
        ("a: 99999999999999999999\n", 1, 4, "'99999999999999999999' is not an integer in the supported range"),
        ("a: !custom x\n", 1, 4, "unsupported tag '!custom'"),
        ("a: !!timestamp 2024-01-01\n", 1, 4, "unsupported tag 'tag:yaml.org,2002:timestamp'"),
        ("a:\n  ? [1, 2]\n  : x\n", 2, 5, "mapping keys must be plain text, not lists or mappings"),
        ("a:\n  <<: 3\n", 2, 7, "a merge key '<<' takes a mapping or a list of mappings"),
        ("a: 1\n---\nb: 2\n", 2, 1, "but found another document (expected a single document in the stream at line 1, column 1)"),
    ])
    func refusesYAMLThatManifestsDoNotUse(text: String, line: Int, column: Int, message: String) {
        #expect(throws: ManifestLoadError.syntax(source: nil, format: .yaml, line: line, column: column, message: message)) {
            try ManifestLoader.configValue(yaml: text)
        }
    }

    @Test func refusesDocumentsThatExpandBeyondTheLimit() throws {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...6 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        let error = try #require(throws: ManifestLoadError.self) { try ManifestLoader.configValue(yaml: lines.joined(separator: "\n")) }
        #expect(error.description.contains("expands to more than 1000000 values"))
    }

    @Test func emptyTextIsReportedAsEmpty() {
        #expect(throws: ManifestLoadError.empty(source: nil)) { try ManifestLoader.parse("# nothing\n", format: .yaml) }
    }

    @Test func invalidManifestsListEveryIssue() throws {
        let error = try #require(throws: ManifestLoadError.self) {
            try ManifestLoader.parse("name: ''\nconfig: {seeds: []}\n", format: .yaml)
        }
        #expect(error == .invalid(source: nil, ManifestError(issues: [
            .init(path: "name", message: "must not be empty"),
            .init(path: "config.seeds", message: "at least one seed source is required"),
        ])))
        #expect(error.description == "invalid manifest:\n  name: must not be empty\n  config.seeds: at least one seed source is required")
    }

    @Test(arguments: [
        ("a.yaml", ManifestLoader.Format.yaml), ("dir/b.YML", .yaml), ("c.json", .json), ("d.txt", nil), ("yaml", nil),
    ] as [(String, ManifestLoader.Format?)])
    func choosesTheFormatByExtension(path: String, format: ManifestLoader.Format?) {
        #expect(ManifestLoader.Format(path: path) == format)
    }
}

/// A tenant's YAML may not use anchors or aliases, which expand inside the parser before any cap applies; the same
/// characters inside values are left alone.
@Suite struct UntrustedYAMLTests {
    @Test func anchorsAndAliasesAreRefusedBeforeTheParser() throws {
        let bomb = """
            a: &a [x, x, x, x, x, x, x, x, x, x]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
            ? *c
            : 1
            """
        #expect(throws: ManifestLoadError.self) { try ManifestLoader.configValue(untrustedYAML: bomb) }
        for text in ["seeds:\n  - &s {kind: static_list}\n", "x: *y\n", "- *z\n", "{k: &a 1}\n", "[1, *a]\n"] {
            #expect(throws: ManifestLoadError.self, "\(text)") { try ManifestLoader.configValue(untrustedYAML: text) }
        }
    }

    @Test func theSameCharactersInsideValuesAreAccepted() throws {
        let manifest = """
            name: "docs & more *"
            labels: {team: 'a&b'}  # a comment with &anchor and *alias
            config:
              seeds:
                - kind: static_list
                  params: {urls: ["https://example.com/?a=1&b=2", https://example.com/x*y]}
            """
        let value = try ManifestLoader.configValue(untrustedYAML: manifest)
        #expect(value["name"] == .string("docs & more *"))
    }
}
