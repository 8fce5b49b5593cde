import Foundation
import Synchronization

/// A site that changes between crawls and answers conditional requests as a careful origin server does: each page
/// carries an `ETag` (its version) and a `Last-Modified` (when that version was made), and a request whose
/// `If-None-Match` names the current ETag, or (without one) whose `If-Modified-Since` is not older than the page,
/// gets `304 Not Modified`. Pages can be edited, removed (404 or 410) or served without validators.
public final class RevalidatingSite: Sendable {
    private struct Page {
        var response: FixtureResponse
        var version: Int
        var modified: Date
    }

    private struct State {
        var pages: [String: Page] = [:]
        var gone: [String: Int] = [:]
        var sendsValidators = true
        var nextVersion = 1
    }

    private let state = Mutex(State())

    /// A site serving `pages`, all made one hour ago.
    public init(_ pages: [String: FixtureResponse]) {
        let made = Date(timeIntervalSinceNow: -3600).rounded
        state.withLock { state in
            for (path, response) in pages {
                state.pages[path] = Page(response: response, version: state.nextVersion, modified: made)
                state.nextVersion += 1
            }
        }
    }

    /// Replaces (or adds) the page at `path`: a new version, modified now.
    public func edit(_ path: String, _ response: FixtureResponse) {
        state.withLock { state in
            state.pages[path] = Page(response: response, version: state.nextVersion, modified: Date().rounded)
            state.nextVersion += 1
            state.gone[path] = nil
        }
    }

    /// Serves the page's body again as a new version with a later `Last-Modified`, the bytes unchanged: what a
    /// server does that stamps pages on every deploy.
    public func touch(_ path: String) {
        state.withLock { state in
            guard let page = state.pages[path] else { return }
            state.pages[path] = Page(response: page.response, version: state.nextVersion, modified: Date().rounded)
            state.nextVersion += 1
        }
    }

    /// Takes the page away; it answers `status` (404 or 410) from now on.
    public func remove(_ path: String, status: Int = 404) {
        state.withLock { state in
            state.pages[path] = nil
            state.gone[path] = status
        }
    }

    /// Whether responses carry `ETag` and `Last-Modified` (and conditional requests are honoured).
    public func sendValidators(_ send: Bool) {
        state.withLock { $0.sendsValidators = send }
    }

    /// The answer to `request`.
    public func response(for request: FixtureRequest) -> FixtureResponse {
        state.withLock { state in
            guard let page = state.pages[request.target] else {
                if let status = state.gone[request.target] { return .text("gone\n", status: status) }
                return .notFound
            }
            guard state.sendsValidators else { return page.response }
            let etag = "\"v\(page.version)\""
            let lastModified = IMFFixdate.string(from: page.modified)
            let notModified: Bool
            if let tags = request.header("If-None-Match") {
                notModified = tags.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == etag }
            } else if let since = request.header("If-Modified-Since") {
                notModified = since == lastModified
            } else {
                notModified = false
            }
            if notModified {
                return FixtureResponse.status(304, headers: [("ETag", etag), ("Last-Modified", lastModified)])
            }
            return page.response.adding(header: "ETag", etag).adding(header: "Last-Modified", lastModified)
        }
    }
}

extension Date {
    /// Whole seconds, as HTTP dates carry.
    fileprivate var rounded: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
