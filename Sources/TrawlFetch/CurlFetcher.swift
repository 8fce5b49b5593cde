import CCurl
import Foundation
import Synchronization
import TrawlCore

/// A `Fetcher` backed by one libcurl multi handle on a dedicated thread: hundreds of transfers in flight,
/// connections reused across requests, HTTP/1.1 and HTTP/2, transparent gzip/deflate/br/zstd decoding.
///
/// Requests enter through a lock-protected inbox and `curl_multi_wakeup`; results leave by resuming each
/// request's continuation. The blocking `curl_multi_poll` never runs on Swift's cooperative pool.
public final class CurlFetcher: Fetcher, Sendable {
    /// Options shared by every transfer of this fetcher.
    public struct Options: Sendable {
        /// Idle connections kept for reuse (libcurl's connection cache lives in the multi handle).
        public var maxCachedConnections: Int = 512
        /// Verify TLS certificates (on for the open web).
        public var verifyTLS: Bool = true
        /// The budget response bodies are held within while they download and until they are stored.
        public var bodyMemory: BodyMemoryBudget = .shared
        /// Public default options.
        public init() {}
    }

    private let multi: CurlMulti

    /// Starts the multi thread.
    public init(options: Options = Options()) {
        let multi = CurlMulti(options: options)
        self.multi = multi
        // The thread owns the multi handle until `shutdown`; it holds the only other reference to it.
        let thread = Thread { multi.run() }
        thread.name = "trawl-curl-multi"
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit { multi.shutdown() }

    /// Stops the multi thread; transfers in flight complete with a failure.
    public func shutdown() { multi.shutdown() }

    public func fetch(_ request: FetchRequest) async -> Result<FetchResponse, FetchFailure> {
        await withCheckedContinuation { continuation in
            multi.submit(CurlTransfer(request: request, continuation: continuation, budget: multi.budget))
        }
    }

    /// The libcurl version string, for `--version` output and logs.
    public static var libcurlVersion: String {
        guard let info = trawl_version_info(), let version = info.pointee.version else { return "unknown" }
        return String(cString: version)
    }
}

/// Owns the multi handle; every method except `submit` and `shutdown` runs on the multi thread.
final class CurlMulti: @unchecked Sendable {
    private struct Inbox {
        var pending: [CurlTransfer] = []
        var isShutDown = false
        /// Set when body memory was given back: paused transfers may go on.
        var memoryFreed = false
        /// The multi handle is gone; nothing may wake it.
        var isCleanedUp = false
    }

    private let handle: UnsafeMutableRawPointer
    private let options: CurlFetcher.Options
    var budget: BodyMemoryBudget { options.bodyMemory }
    private let inbox = Mutex(Inbox())
    private var idleEasyHandles: [UnsafeMutableRawPointer] = []
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    init(options: CurlFetcher.Options) {
        curl_global_init(Int(CURL_GLOBAL_ALL))
        handle = curl_multi_init()
        self.options = options
        _ = trawl_multi_setopt_long(handle, CURLMOPT_MAXCONNECTS, options.maxCachedConnections)
        options.bodyMemory.onRelease { [weak self] in self?.memoryWasFreed() }
        _ = trawl_multi_setopt_long(handle, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
    }

    func submit(_ transfer: CurlTransfer) {
        let accepted = inbox.withLock { inbox -> Bool in
            guard !inbox.isShutDown else { return false }
            inbox.pending.append(transfer)
            return true
        }
        if accepted {
            curl_multi_wakeup(handle)
        } else {
            transfer.continuation.resume(returning: .failure(FetchFailure(kind: .network, message: "the fetcher was shut down")))
        }
    }

    /// Called from whichever thread released body memory: wakes the loop to unpause waiting transfers.
    private func memoryWasFreed() {
        inbox.withLock { inbox in
            guard !inbox.isCleanedUp else { return }
            inbox.memoryFreed = true
            curl_multi_wakeup(handle)
        }
    }

    func shutdown() {
        let wasRunning = inbox.withLock { inbox -> Bool in
            defer { inbox.isShutDown = true }
            return !inbox.isShutDown
        }
        if wasRunning { curl_multi_wakeup(handle) }
    }

    /// The multi loop: add new transfers, drive sockets, harvest completions, and sleep in poll only when idle.
    func run() {
        var stillRunning: Int32 = 0
        while true {
            let (incoming, stopping, memoryFreed) = inbox.withLock { inbox in
                defer {
                    inbox.pending.removeAll(keepingCapacity: true)
                    inbox.memoryFreed = false
                }
                return (inbox.pending, inbox.isShutDown, inbox.memoryFreed)
            }
            if stopping {
                incoming.forEach { $0.continuation.resume(returning: .failure(FetchFailure(kind: .network, message: "the fetcher was shut down"))) }
                break
            }
            for transfer in incoming { start(transfer) }
            if memoryFreed { resumePausedTransfers() }
            curl_multi_perform(handle, &stillRunning)
            let completed = harvest()
            // Polling right after completions would delay the transfers the engine is about to submit.
            if completed == 0 && incoming.isEmpty {
                curl_multi_poll(handle, nil, 0, 1000, nil)
            }
        }
        for (easy, transfer) in active {
            curl_multi_remove_handle(handle, easy)
            curl_easy_cleanup(easy)
            transfer.continuation.resume(returning: .failure(FetchFailure(kind: .network, message: "the fetcher was shut down")))
        }
        active.removeAll()
        idleEasyHandles.forEach { curl_easy_cleanup($0) }
        idleEasyHandles.removeAll()
        inbox.withLock { $0.isCleanedUp = true }
        curl_multi_cleanup(handle)
    }

    private func start(_ transfer: CurlTransfer) {
        let easy: UnsafeMutableRawPointer
        if let reused = idleEasyHandles.popLast() {
            curl_easy_reset(reused)
            easy = reused
        } else {
            guard let fresh = curl_easy_init() else {
                transfer.continuation.resume(returning: .failure(FetchFailure(kind: .network, message: "curl_easy_init failed")))
                return
            }
            easy = fresh
        }
        transfer.easy = easy
        configure(easy, for: transfer)
        active[easy] = transfer
        curl_multi_add_handle(handle, easy)
    }

    private func configure(_ easy: UnsafeMutableRawPointer, for transfer: CurlTransfer) {
        let request = transfer.request
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        _ = trawl_easy_setopt_string(easy, CURLOPT_URL, request.url.string)
        _ = trawl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        _ = trawl_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = trawl_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0)
        _ = trawl_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, "")
        _ = trawl_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        _ = trawl_easy_setopt_long(easy, CURLOPT_PIPEWAIT, 1)
        _ = trawl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, request.timeout.milliseconds)
        _ = trawl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeout.milliseconds)
        // No CURLOPT_MAXFILESIZE: it refuses a large page outright, where we keep its first bytes (write callback).
        _ = trawl_easy_setopt_string(easy, CURLOPT_USERAGENT, request.userAgent)
        _ = trawl_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, options.verifyTLS ? 1 : 0)
        _ = trawl_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, options.verifyTLS ? 2 : 0)
        _ = trawl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, transfer.errorBuffer)
        _ = trawl_easy_setopt_pointer(easy, CURLOPT_PRIVATE, context)
        _ = trawl_easy_setopt_write_callback(easy, CURLOPT_WRITEFUNCTION, CurlCallbacks.write)
        _ = trawl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context)
        _ = trawl_easy_setopt_write_callback(easy, CURLOPT_HEADERFUNCTION, CurlCallbacks.header)
        _ = trawl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context)
        _ = trawl_easy_setopt_debug_callback(easy, CurlCallbacks.debug)
        _ = trawl_easy_setopt_pointer(easy, CURLOPT_DEBUGDATA, context)
        _ = trawl_easy_setopt_long(easy, CURLOPT_VERBOSE, 1)
        if !request.addressPolicy.allowsEverything {
            // An environment proxy would make the checked address the proxy's, not the destination's.
            _ = trawl_easy_setopt_string(easy, CURLOPT_PROXY, "")
            _ = trawl_easy_setopt_opensocket_callback(easy, CurlCallbacks.openSocket)
            _ = trawl_easy_setopt_pointer(easy, CURLOPT_OPENSOCKETDATA, context)
            _ = trawl_easy_setopt_prereq_callback(easy, CurlCallbacks.prerequest)
            _ = trawl_easy_setopt_pointer(easy, CURLOPT_PREREQDATA, context)
        }
        if let body = request.body {
            // COPYPOSTFIELDS copies the bytes, so the request's array need not outlive this call.
            _ = trawl_easy_setopt_long(easy, CURLOPT_POST, 1)
            _ = trawl_easy_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            if body.isEmpty {
                _ = trawl_easy_setopt_string(easy, CURLOPT_COPYPOSTFIELDS, "")
            } else {
                body.withUnsafeBytes { bytes in
                    _ = trawl_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                }
            }
        }
        if !request.headers.isEmpty {
            var list: UnsafeMutablePointer<curl_slist>?
            for (name, value) in request.headers { list = curl_slist_append(list, "\(name): \(value)") }
            transfer.headerList = list
            _ = trawl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list)
        }
    }

    /// Unpauses the transfers waiting for body memory; each redelivers its held chunk at once, and pauses again if
    /// the budget still has no room for it.
    private func resumePausedTransfers() {
        for (easy, transfer) in active where transfer.isPausedForMemory {
            transfer.isPausedForMemory = false
            _ = trawl_easy_unpause(easy)
        }
    }

    /// Completes every finished transfer; returns how many finished.
    private func harvest() -> Int {
        var completed = 0
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(handle, &remaining) {
            guard trawl_msg_kind(message) == CURLMSG_DONE, let easy = trawl_msg_easy(message) else { continue }
            let code = trawl_msg_result(message)
            curl_multi_remove_handle(handle, easy)
            if let transfer = active.removeValue(forKey: easy) {
                transfer.continuation.resume(returning: CurlResult.make(easy: easy, code: code, transfer: transfer))
            }
            // Easy handles keep their DNS and TLS session caches warm, so they are recycled, not freed.
            if idleEasyHandles.count < 1024 { idleEasyHandles.append(easy) } else { curl_easy_cleanup(easy) }
            completed += 1
        }
        return completed
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so a positive duration never becomes "no limit" (0) for libcurl.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        let ms = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(max(ms, 1))
    }
}
