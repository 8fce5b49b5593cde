import Foundation
import TrawlTestSupport

/// Fixture sites generated from the request path, so large graphs cost no setup.
enum Sites {
    /// A tree: "/" links to "/n/1-1" … "/n/1-F"; "/n/1-1" to "/n/1-1/2-1" … ; leaves at `depth`. Segments name
    /// their level so no path repeats a segment (which the trap guard would rightly refuse). robots.txt is 404.
    static func tree(depth: Int, fanout: Int, extraLinks: @escaping @Sendable (String) -> [String] = { _ in [] })
        -> @Sendable (FixtureRequest) -> FixtureResponse {
        { request in
            let path = request.path
            guard path == "/" || path.hasPrefix("/n/") else { return .notFound }
            let parts = path == "/" ? [] : path.dropFirst(3).split(separator: "/").map(String.init)
            let valid = parts.enumerated().allSatisfy { level, part in
                let pieces = part.split(separator: "-")
                return pieces.count == 2 && Int(pieces[0]) == level + 1 && Int(pieces[1]).map { (1...fanout).contains($0) } == true
            }
            guard parts.count <= depth, valid else { return .notFound }
            let base = path == "/" ? "/n" : path
            let children = parts.count < depth ? (1...fanout).map { "\(base)/\(parts.count + 1)-\($0)" } : []
            let links = (children + extraLinks(path)).map { "<li><a href=\"\($0)\">link \($0)</a></li>" }.joined()
            return .html("<!doctype html><html><head><title>Page \(path)</title></head><body><h1>\(path)</h1><ul>\(links)</ul></body></html>")
        }
    }

    /// Pages in a tree of `fanout` up to depth `depth` inclusive.
    static func treeSize(depth: Int, fanout: Int) -> Int {
        (0...depth).reduce(0) { $0 + Int(pow(Double(fanout), Double($1))) }
    }
}
