import CCurl
import Foundation
import TrawlCore

/// Turns a finished libcurl transfer into a response or a typed failure; curl codes stop here.
enum CurlResult {
    static func make(easy: UnsafeMutableRawPointer, code: CURLcode, transfer: CurlTransfer) -> Result<FetchResponse, FetchFailure> {
        // A refused address surfaces as an aborted (prereq) or failed (open-socket) connection.
        if let refusal = transfer.addressRefusal, code == CURLE_ABORTED_BY_CALLBACK || code == CURLE_COULDNT_CONNECT {
            return .failure(refusal)
        }
        if transfer.headTooLarge {
            return .failure(FetchFailure(kind: .protocolError,
                                         message: "the response head is larger than \(CurlTransfer.maxHeadBytes >> 10) KiB"))
        }
        var status = 0
        _ = trawl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        // A write error we caused (body cap) or a too-large declared length is a truncated page, not a failure.
        let cutAtCap = code == CURLE_WRITE_ERROR && transfer.truncated
        guard code == CURLE_OK || (cutAtCap && status > 0) else {
            return .failure(failure(for: code, message: transfer.errorMessage))
        }
        var version = 0
        _ = trawl_easy_getinfo_long(easy, CURLINFO_HTTP_VERSION, &version)
        var headerBytes = 0
        _ = trawl_easy_getinfo_long(easy, CURLINFO_HEADER_SIZE, &headerBytes)
        var wireBody: curl_off_t = 0
        _ = trawl_easy_getinfo_off(easy, CURLINFO_SIZE_DOWNLOAD_T, &wireBody)
        var ipPointer: UnsafeMutablePointer<CChar>?
        _ = trawl_easy_getinfo_string(easy, CURLINFO_PRIMARY_IP, &ipPointer)
        let ip = ipPointer.map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        var response = FetchResponse(
            url: transfer.request.url,
            status: status,
            httpVersion: versionString(version),
            requestHead: transfer.requestHead,
            responseHead: transfer.responseHead,
            headers: HTTPHeaders(parsingHead: transfer.responseHead),
            body: transfer.takeBody(),
            truncated: transfer.truncated,
            ipAddress: ip,
            startedAt: transfer.startedAt,
            duration: ContinuousClock.now - transfer.startInstant,
            wireBytes: headerBytes + Int(wireBody)
        )
        response.lease = transfer.takeLease()
        return .success(response)
    }

    static func failure(for code: CURLcode, message: String) -> FetchFailure {
        let text = message.isEmpty ? String(cString: curl_easy_strerror(code)) : message
        return FetchFailure(kind: kind(for: code), message: text)
    }

    static func kind(for code: CURLcode) -> FetchFailure.Kind {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .dns
        case CURLE_COULDNT_CONNECT: .connect
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_USE_SSL_FAILED,
             CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
             CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT:
            .tls
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE: .connectionReset
        case CURLE_WEIRD_SERVER_REPLY, CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_UNSUPPORTED_PROTOCOL, CURLE_HTTP3: .protocolError
        case CURLE_BAD_CONTENT_ENCODING: .badEncoding
        default: .network
        }
    }

    static func versionString(_ version: Int) -> String {
        switch version {
        case Int(CURL_HTTP_VERSION_1_0): "1.0"
        case Int(CURL_HTTP_VERSION_1_1): "1.1"
        case Int(CURL_HTTP_VERSION_2_0): "2"
        case Int(CURL_HTTP_VERSION_3): "3"
        default: "1.1"
        }
    }
}
