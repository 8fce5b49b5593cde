import Foundation
import Testing

/// Reads `value` every `pause` until `condition` holds, and returns what it read then.
///
/// The deadline is generous on purpose: the first test pass runs dozens of crawls, servers and child processes on
/// two cores, where a step that takes 50 ms alone can take seconds; a slow machine must not fail a correct engine.
/// On timeout the last value read is recorded with the failure, so the report says what state the wait ended in.
func waitUntil<T>(
    _ what: String, within timeout: Duration = .seconds(60), every pause: Duration = .milliseconds(25),
    _ value: () async throws -> T, until condition: (T) throws -> Bool
) async throws -> T {
    let deadline = ContinuousClock.now + timeout
    while true {
        let current = try await value()
        if try condition(current) { return current }
        guard ContinuousClock.now < deadline else {
            Issue.record("gave up waiting for \(what) after \(timeout); last seen: \(current)")
            throw WaitTimeout()
        }
        try await Task.sleep(for: pause)
    }
}

/// The failure `waitUntil` throws once it has recorded why.
struct WaitTimeout: Error {}
