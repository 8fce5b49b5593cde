/// Which resolved IP addresses a fetch may connect to: the guard against server-side request forgery.
///
/// Checked on the address a connection actually uses (after DNS, for every redirect hop and reused
/// connection), so hostnames that resolve to internal addresses cannot slip through.
public struct AddressPolicy: Sendable, Equatable {
    /// The address classes refused; an address in none of them is allowed.
    public var blockedClasses: Set<IPAddressClass>

    /// A policy refusing the given classes; address text that cannot be parsed is always refused.
    public init(blocking blockedClasses: Set<IPAddressClass>) {
        self.blockedClasses = blockedClasses
    }

    /// Every address, unchecked: for the CLI, which fetches whatever its user points it at.
    public static let allowAll = AddressPolicy(blocking: [])

    /// Only ordinary public addresses: blocks loopback, private, link-local, metadata, unspecified,
    /// shared (CGNAT), multicast, broadcast and reserved ranges, including IPv6 forms embedding them.
    public static let publicOnly = AddressPolicy(blocking: Set(IPAddressClass.allCases))

    /// True when nothing is checked, so enforcement can be skipped entirely.
    public var allowsEverything: Bool { blockedClasses.isEmpty }

    /// Whether a connection to this textual IPv4/IPv6 address may be used; unparsable text is refused.
    public func allows(_ ipAddress: String) -> Bool {
        blockReason(ipAddress) == nil
    }

    /// Why the address is refused ("loopback", "private", "link_local", "metadata", … or "unparsable"), or nil.
    public func blockReason(_ ipAddress: String) -> String? {
        guard let address = IPAddress(ipAddress) else { return "unparsable" }
        guard let addressClass = address.addressClass, blockedClasses.contains(addressClass) else { return nil }
        return addressClass.rawValue
    }
}
