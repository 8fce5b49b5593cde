/// Everything wrong with a manifest, each problem named by its path.
public struct ManifestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One problem at one place in the manifest.
    public struct Issue: Sendable, Equatable, CustomStringConvertible {
        /// Where the problem is, e.g. `config.seeds[0].params.urls[2]`; empty for the document itself.
        public var path: String
        /// What is wrong, phrased for the person who wrote the manifest.
        public var message: String

        /// An issue at `path`.
        public init(path: String, message: String) {
            self.path = path
            self.message = message
        }

        /// `path: message`, or just the message for the document itself.
        public var description: String { path.isEmpty ? message : "\(path): \(message)" }
    }

    /// Every problem found, in document order.
    public var issues: [Issue]

    /// An error reporting `issues`.
    public init(issues: [Issue]) {
        self.issues = issues
    }

    /// One `path: message` line per issue.
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
