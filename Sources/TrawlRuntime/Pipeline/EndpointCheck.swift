#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TrawlCore

/// Keeps a run's embedding endpoint inside the server's address policy: a job may not make the server talk to
/// loopback, private or metadata addresses through `base_url` any more than through its seeds.
enum EndpointCheck {
    /// Why `baseURL` may not be used under `policy`, or nil when every address its host resolves to is allowed.
    static func refusal(of baseURL: String, under policy: AddressPolicy) -> String? {
        guard !policy.allowsEverything else { return nil }
        guard let host = URL(string: baseURL)?.host, !host.isEmpty else { return "the embedding base_url has no host" }
        let name = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &results) == 0, let first = results else {
            return "the embedding host \(host) does not resolve"
        }
        defer { freeaddrinfo(results) }
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(current.pointee.ai_addr, current.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0,
                           NI_NUMERICHOST) == 0 {
                let address = String(decoding: buffer.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self)
                if let reason = policy.blockReason(address) {
                    return "the embedding endpoint \(host) resolves to \(address) (\(reason)); "
                        + "start the server with --allow-private-networks to allow it"
                }
            }
            entry = current.pointee.ai_next
        }
        return nil
    }
}
