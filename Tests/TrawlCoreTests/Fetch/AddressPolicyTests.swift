import Testing
import TrawlCore

@Suite struct AddressPolicyTests {
    /// Addresses `publicOnly` refuses, with the reason it gives.
    static let blocked: [(address: String, reason: String)] = [
        // IPv4 loopback, unspecified, private
        ("127.0.0.1", "loopback"), ("127.255.255.254", "loopback"), ("127.1.2.3", "loopback"),
        ("0.0.0.0", "unspecified"), ("0.1.2.3", "unspecified"),
        ("10.0.0.1", "private"), ("10.255.255.255", "private"),
        ("172.16.0.1", "private"), ("172.31.255.255", "private"),
        ("192.168.0.1", "private"), ("192.168.255.255", "private"),
        // link-local and metadata
        ("169.254.0.1", "link_local"), ("169.254.255.255", "link_local"),
        ("169.254.169.254", "metadata"), ("169.254.170.2", "metadata"),
        ("100.100.100.200", "metadata"), ("192.0.0.192", "metadata"),
        // CGNAT, multicast, broadcast, reserved
        ("100.64.0.1", "shared_address_space"), ("100.127.255.255", "shared_address_space"),
        ("224.0.0.1", "multicast"), ("239.255.255.250", "multicast"),
        ("255.255.255.255", "broadcast"),
        ("240.0.0.1", "reserved"), ("255.255.255.254", "reserved"),
        ("192.0.2.1", "reserved"), ("198.51.100.7", "reserved"), ("203.0.113.9", "reserved"),
        ("198.18.0.1", "reserved"), ("198.19.255.255", "reserved"), ("192.0.0.8", "reserved"),
        // IPv6 natives
        ("::1", "loopback"), ("0:0:0:0:0:0:0:1", "loopback"), ("::", "unspecified"),
        ("fc00::1", "private"), ("fd12:3456:789a::1", "private"), ("fec0::1", "private"),
        ("fe80::1", "link_local"), ("fe80::1%eth0", "link_local"), ("febf:ffff::1", "link_local"),
        ("fd00:ec2::254", "metadata"), ("[fd00:ec2::254]", "metadata"),
        ("ff02::1", "multicast"), ("ff05::1:3", "multicast"),
        ("2001:db8::1", "reserved"), ("100::1", "reserved"), ("3fff::1", "reserved"), ("::2:0:0:1", "reserved"),
        // IPv4-mapped, -translated and -compatible forms
        ("::ffff:127.0.0.1", "loopback"), ("::ffff:7f00:1", "loopback"), ("::FFFF:10.0.0.1", "private"),
        ("::ffff:169.254.169.254", "metadata"), ("::ffff:192.168.1.1", "private"),
        ("0:0:0:0:0:ffff:a00:1", "private"), ("::ffff:0:10.1.1.1", "private"),
        ("::127.0.0.1", "loopback"), ("::10.0.0.1", "private"), ("::ffff:0.0.0.0", "unspecified"),
        // NAT64 (well-known and local-use), 6to4, Teredo
        ("64:ff9b::127.0.0.1", "loopback"), ("64:ff9b::a9fe:a9fe", "metadata"), ("64:ff9b::10.1.2.3", "private"),
        ("64:ff9b:1::1", "private"),
        ("2002:7f00:1::", "loopback"), ("2002:a00:1::1", "private"), ("2002:a9fe:a9fe::1", "metadata"),
        ("2002:c0a8:101:1::1", "private"),
        ("2001:0:a00:1::1", "private"), ("2001:0:4136:e378:8000:63bf:f5ff:fffe", "private"),
        // unparsable text, including forms that only lax parsers accept
        ("", "unparsable"), ("localhost", "unparsable"), ("127.1", "unparsable"), ("0x7f.0.0.1", "unparsable"),
        ("010.0.0.1", "unparsable"), ("256.1.1.1", "unparsable"), ("1.2.3.4.5", "unparsable"),
        ("2130706433", "unparsable"), ("1::2::3", "unparsable"), ("12345::1", "unparsable"),
        ("1:2:3:4:5:6:7:8:9", "unparsable"), ("::ffff:1.2.3", "unparsable"), ("1.2.3.4::", "unparsable"),
        ("g::1", "unparsable"), (":1::", "unparsable"), ("1:2:3:4:5:6:7", "unparsable"),
    ]

    /// Ordinary public addresses, in every textual form.
    static let allowed: [String] = [
        "8.8.8.8", "1.1.1.1", "93.184.216.34", "172.15.255.255", "172.32.0.0", "192.169.0.1",
        "100.63.255.255", "100.128.0.0", "169.253.255.255", "223.255.255.255", "11.0.0.1", "126.255.255.255",
        "2606:4700:4700::1111", "2001:4860:4860::8888", "2a00:1450:4001:82a::200e", "[2606:4700::1]",
        "::ffff:8.8.8.8", "::ffff:808:808", "64:ff9b::8.8.8.8", "2002:808:808::1", "2001:0:4136:e378:8000:63bf:f7f7:f7f7",
        "2001:4860:0:0:0:0:0:8888",
    ]

    @Test(arguments: blocked)
    func publicOnlyBlocks(_ address: String, reason: String) {
        #expect(!AddressPolicy.publicOnly.allows(address))
        #expect(AddressPolicy.publicOnly.blockReason(address) == reason)
    }

    @Test(arguments: allowed)
    func publicOnlyAllowsPublicAddresses(_ address: String) {
        #expect(AddressPolicy.publicOnly.allows(address))
        #expect(AddressPolicy.publicOnly.blockReason(address) == nil)
    }

    @Test(arguments: blocked.filter { $0.reason != "unparsable" }.map(\.address) + allowed)
    func allowAllAllowsEveryParsableAddress(_ address: String) {
        #expect(AddressPolicy.allowAll.allows(address))
        #expect(AddressPolicy.allowAll.allowsEverything)
    }

    @Test func unparsableTextIsRefusedByEveryPolicy() {
        #expect(!AddressPolicy.allowAll.allows("not an address"))
        #expect(AddressPolicy(blocking: [.metadata]).blockReason("::g") == "unparsable")
    }

    @Test func aPartialPolicyBlocksOnlyItsClasses() {
        let policy = AddressPolicy(blocking: [.metadata, .linkLocal])
        #expect(policy.allows("127.0.0.1"))
        #expect(policy.allows("10.0.0.1"))
        #expect(policy.blockReason("169.254.169.254") == "metadata")
        #expect(policy.blockReason("fe80::1") == "link_local")
        #expect(!policy.allowsEverything)
        #expect(policy != .publicOnly)
    }

    @Test func everyClassIsCoveredByPublicOnly() {
        #expect(AddressPolicy.publicOnly.blockedClasses == Set(IPAddressClass.allCases))
    }

    @Test(arguments: [
        ("10.0.0.1", "10.0.0.1"), ("::1", "0:0:0:0:0:0:0:1"), ("::ffff:1.2.3.4", "0:0:0:0:0:ffff:102:304"),
        ("2001:DB8::A", "2001:db8:0:0:0:0:0:a"),
    ])
    func parsesAndDescribesAddresses(_ text: String, description: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.description == description)
    }

    /// Final, and saying why without the address: a tenant's host name resolved here must not reveal where it points.
    @Test func blockedAddressFailuresAreFinalAndNameTheReasonNotTheAddress() {
        let failure = FetchFailure.blockedAddress(reason: "private")
        #expect(failure.kind == .blockedAddress)
        #expect(failure.kind.rawValue == "blocked_address")
        #expect(!failure.isRetryable)
        #expect(failure.message.contains("private"))
    }

    @Test func requestsDefaultToAllowingEverything() throws {
        let request = FetchRequest(url: try CrawlURL("http://example.com/"), userAgent: "t")
        #expect(request.addressPolicy == .allowAll)
    }
}
