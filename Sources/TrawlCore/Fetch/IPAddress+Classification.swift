extension IPAddress {
    /// The special-purpose class this address belongs to, or nil for an ordinary public address.
    ///
    /// IPv6 forms that carry an IPv4 address the host or a translator will actually connect to
    /// (IPv4-mapped, -compatible, -translated, NAT64, 6to4, Teredo) take the class of that IPv4 address.
    public var addressClass: IPAddressClass? {
        switch self {
        case .v4(let value): Self.classify(v4: value)
        case .v6(let value): Self.classify(v6: value)
        }
    }

    /// Metadata services that sit inside other ranges, so they are checked first to get the sharper reason.
    private static let metadataV4: Set<UInt32> = [
        0xA9FE_A9FE, // 169.254.169.254: AWS, GCP, Azure, OpenStack, DigitalOcean…
        0xA9FE_AA02, // 169.254.170.2: AWS ECS task metadata
        0x6464_64C8, // 100.100.100.200: Alibaba Cloud
        0xC000_00C0, // 192.0.0.192: Oracle Cloud
    ]
    private static let metadataV6: Set<UInt128> = [
        0xFD00_0EC2_0000_0000_0000_0000_0000_0254, // fd00:ec2::254: AWS over IPv6
    ]

    private static func classify(v4 address: UInt32) -> IPAddressClass? {
        if metadataV4.contains(address) { return .metadata }
        func within(_ network: UInt32, _ prefix: UInt32) -> Bool {
            address >> (32 - prefix) == network >> (32 - prefix)
        }
        if within(0x0000_0000, 8) { return .unspecified }
        if within(0x7F00_0000, 8) { return .loopback }
        if within(0x0A00_0000, 8) || within(0xAC10_0000, 12) || within(0xC0A8_0000, 16) { return .private }
        if within(0xA9FE_0000, 16) { return .linkLocal }
        if within(0x6440_0000, 10) { return .sharedAddressSpace }
        if within(0xE000_0000, 4) { return .multicast }
        if address == 0xFFFF_FFFF { return .broadcast }
        if within(0xF000_0000, 4) // future use
            || within(0xC000_0000, 24) // IETF protocol assignments
            || within(0xC000_0200, 24) || within(0xC633_6400, 24) || within(0xCB00_7100, 24) // documentation
            || within(0xC612_0000, 15) // benchmarking
            || within(0xC058_6300, 24) // deprecated 6to4 relay anycast
        {
            return .reserved
        }
        return nil
    }

    private static func classify(v6 address: UInt128) -> IPAddressClass? {
        if metadataV6.contains(address) { return .metadata }
        func within(_ network: UInt128, _ prefix: UInt128) -> Bool {
            address >> (128 - prefix) == network >> (128 - prefix)
        }
        func embedded(at shift: UInt128) -> UInt32 { UInt32(truncatingIfNeeded: address >> shift) }
        if address == 0 { return .unspecified }
        if address == 1 { return .loopback }
        if within(0x0000_0000_0000_0000_0000_FFFF_0000_0000, 96) // ::ffff:a.b.c.d, IPv4-mapped
            || within(0x0000_0000_0000_0000_FFFF_0000_0000_0000, 96) // ::ffff:0:a.b.c.d, IPv4-translated
            || within(0, 96) // ::a.b.c.d, deprecated IPv4-compatible
            || within(0x0064_FF9B_0000_0000_0000_0000_0000_0000, 96) // NAT64 well-known prefix
        {
            return classify(v4: embedded(at: 0))
        }
        if within(0x2002_0000_0000_0000_0000_0000_0000_0000, 16) { // 6to4: the gateway's IPv4 follows the prefix
            return classify(v4: embedded(at: 80))
        }
        if within(0x2001_0000_0000_0000_0000_0000_0000_0000, 32) { // Teredo: server, then the client XOR-obfuscated
            return classify(v4: embedded(at: 64)) ?? classify(v4: ~embedded(at: 0))
        }
        if within(0x0064_FF9B_0001_0000_0000_0000_0000_0000, 48) { return .private } // local-use NAT64
        if within(0xFC00_0000_0000_0000_0000_0000_0000_0000, 7) { return .private }
        if within(0xFEC0_0000_0000_0000_0000_0000_0000_0000, 10) { return .private } // deprecated site-local
        if within(0xFE80_0000_0000_0000_0000_0000_0000_0000, 10) { return .linkLocal }
        if within(0xFF00_0000_0000_0000_0000_0000_0000_0000, 8) { return .multicast }
        if within(0x2001_0DB8_0000_0000_0000_0000_0000_0000, 32) // documentation
            || within(0x3FFF_0000_0000_0000_0000_0000_0000_0000, 20) // documentation (RFC 9637)
            || within(0x2001_0002_0000_0000_0000_0000_0000_0000, 48) // benchmarking
            || within(0x0100_0000_0000_0000_0000_0000_0000_0000, 64) // discard-only
            || !within(0x2000_0000_0000_0000_0000_0000_0000_0000, 3) // outside global unicast: unallocated
        {
            return .reserved
        }
        return nil
    }
}
