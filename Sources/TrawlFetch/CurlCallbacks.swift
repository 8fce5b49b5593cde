import CCurl
import Foundation

/// C function pointers for libcurl: non-capturing closures that reach their `CurlTransfer` through user data.
enum CurlCallbacks {
    static let write: curl_write_callback = { data, size, count, userData in
        guard let data, let userData else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userData).takeUnretainedValue()
        let length = size * count
        // Returning less than `length` makes libcurl abort with CURLE_WRITE_ERROR, which the driver maps to "truncated".
        return transfer.appendBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
    }

    static let header: curl_write_callback = { data, size, count, userData in
        guard let data, let userData else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userData).takeUnretainedValue()
        let length = size * count
        transfer.appendHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
        return length
    }

    /// Captures the request head as sent (for WARC request records); other debug output is ignored.
    static let debug: curl_debug_callback = { handle, type, data, size, userData in
        guard type == CURLINFO_HEADER_OUT, let data, let userData else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userData).takeUnretainedValue()
        // The fetcher never follows redirects, so every head piece belongs to the one request.
        transfer.requestHead.append(contentsOf: UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }
}
