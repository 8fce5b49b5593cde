import CCurl
import Foundation

/// C function pointers for libcurl: non-capturing closures that reach their `CurlTransfer` through user data.
enum CurlCallbacks {
    static let write: curl_write_callback = { data, size, count, userData in
        guard let data, let userData else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userData).takeUnretainedValue()
        let length = size * count
        switch transfer.appendBody(UnsafeRawBufferPointer(start: data, count: length)) {
        case .kept: return length
        // Returning less than `length` makes libcurl abort with CURLE_WRITE_ERROR, which the driver maps to "truncated".
        case .cut: return 0
        // libcurl keeps the chunk and stops reading until the multi loop unpauses the transfer.
        case .waitForMemory: return trawl_writefunc_pause()
        }
    }

    static let header: curl_write_callback = { data, size, count, userData in
        guard let data, let userData else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userData).takeUnretainedValue()
        let length = size * count
        // Returning less than `length` makes libcurl abort the transfer (CURLE_WRITE_ERROR).
        return transfer.appendHeaderLine(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
    }

    /// Captures the request head as sent (for WARC request records); other debug output is ignored.
    static let debug: curl_debug_callback = { handle, type, data, size, userData in
        guard type == CURLINFO_HEADER_OUT, let data, let userData else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userData).takeUnretainedValue()
        // The fetcher never follows redirects, so every head piece belongs to the one request.
        transfer.requestHead.append(contentsOf: UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }

    /// Refuses, before any connect(2), a new connection to an address the request's policy blocks.
    /// Returning a bad socket makes libcurl try the host's next address, so one blocked record does not sink
    /// a host that also has allowed ones.
    static let openSocket: curl_opensocket_callback = { userData, _, address in
        guard let userData, let address else { return CURL_SOCKET_BAD }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userData).takeUnretainedValue()
        let ip = withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> String in
            guard let base = buffer.baseAddress, trawl_sockaddr_text(address, base, socklen_t(buffer.count)) == 0 else {
                return ""
            }
            return String(cString: base)
        }
        guard transfer.admitsConnection(to: ip) else { return CURL_SOCKET_BAD }
        return trawl_open_socket(address)
    }

    /// Checks the connection a transfer is about to use, new or reused from the cache (where the
    /// open-socket callback never runs, and where the connection may have been opened under a laxer policy).
    static let prerequest: curl_prereq_callback = { userData, primaryIP, _, _, _ in
        guard let userData else { return Int32(CURL_PREREQFUNC_ABORT) }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userData).takeUnretainedValue()
        let ip = primaryIP.map { String(cString: $0) } ?? ""
        return transfer.admitsConnection(to: ip) ? Int32(CURL_PREREQFUNC_OK) : Int32(CURL_PREREQFUNC_ABORT)
    }
}
