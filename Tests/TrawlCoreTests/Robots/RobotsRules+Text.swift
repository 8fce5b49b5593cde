import TrawlCore

extension RobotsRules {
    /// Parses a robots.txt written as a string literal, for the crawler `agent`.
    init(_ text: String, agent: String = "Trawl") {
        self.init(parsing: Array(text.utf8), productToken: agent)
    }
}
