import Foundation
import Testing
@testable import TrawlAPI

/// The console's pass: opened only by the key that signed it, only until its expiry, and never holding the key.
@Suite struct ConsolePassTests {
    let keys = [APIKey(token: "key-acme", tenants: ["acme"]), APIKey(token: "key-all")]
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aPassNamesItsKeyUntilItExpires() {
        let pass = ConsolePass.mint(for: "key-all", expiry: now.addingTimeInterval(60))
        #expect(!pass.contains("key-all"))
        #expect(ConsolePass.key(of: pass, among: keys, now: now)?.token == "key-all")
        #expect(ConsolePass.key(of: pass, among: keys, now: now.addingTimeInterval(61)) == nil)
        // A key taken out of the configuration ends its passes.
        #expect(ConsolePass.key(of: pass, among: [keys[0]], now: now) == nil)
        // A pass good for longer than one is ever minted for (a key's holder minting passes for a year) opens nothing.
        let forever = ConsolePass.mint(for: "key-all", expiry: now.addingTimeInterval(365 * 86_400))
        #expect(ConsolePass.key(of: forever, among: keys, now: now) == nil)
    }

    @Test func anAlteredPassOpensNothing() {
        let pass = ConsolePass.mint(for: "key-acme", expiry: now.addingTimeInterval(60))
        var parts = pass.split(separator: ".").map(String.init)
        parts[2] = String(Int(now.timeIntervalSince1970) + 86_400 * 365)  // a later expiry, the signature kept
        for altered in [parts.joined(separator: "."), "v2" + pass.dropFirst(2), pass + ".x", "", "v1...", "key-acme"] {
            #expect(ConsolePass.key(of: altered, among: keys, now: now) == nil, "\(altered)")
        }
    }
}
