/// A kind of address a crawler should not reach from a shared server; raw values are the stable block reasons.
public enum IPAddressClass: String, Sendable, Hashable, CaseIterable, Codable {
    /// This host: 127/8, ::1.
    case loopback
    /// RFC 1918 and unique-local networks: 10/8, 172.16/12, 192.168/16, fc00::/7 (and deprecated fec0::/10).
    case `private`
    /// Link-local: 169.254/16, fe80::/10.
    case linkLocal = "link_local"
    /// Cloud instance-metadata endpoints, which hand out credentials (169.254.169.254, fd00:ec2::254, …).
    case metadata
    /// "This network" and the unspecified address: 0.0.0.0/8, ::.
    case unspecified
    /// Carrier-grade NAT shared address space: 100.64/10.
    case sharedAddressSpace = "shared_address_space"
    /// Multicast: 224/4, ff00::/8.
    case multicast
    /// The limited broadcast address 255.255.255.255.
    case broadcast
    /// Not publicly routable for other reasons: 240/4, documentation, benchmarking, unallocated IPv6.
    case reserved
}
