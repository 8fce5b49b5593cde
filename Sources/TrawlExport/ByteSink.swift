import Foundation

/// Where exported bytes go: a file, standard output, or an asynchronous consumer (an HTTP response).
///
/// Writes are buffered and leave in blocks of about a megabyte. A file or standard output is written as the buffer
/// fills; a consumer is handed the buffer at `settle()`, which the exporter calls between pages, so a slow client holds
/// the export back instead of letting it pile up in memory (at most a megabyte and one page ahead).
public final class ByteSink {
    private enum Destination {
        case handle(FileHandle, closes: Bool)
        case consumer(@Sendable ([UInt8]) async throws -> Void)
    }

    private let destination: Destination
    private var buffer: [UInt8] = []
    private static let block = 1 << 20

    /// Writes to standard output.
    public static func standardOutput() -> ByteSink { ByteSink(.handle(.standardOutput, closes: false)) }

    /// Creates (or truncates) the file at `path`.
    public static func file(_ path: String) throws(ExportError) -> ByteSink {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw ExportError("cannot write to \(path)")
        }
        return ByteSink(.handle(handle, closes: true))
    }

    /// Hands blocks of bytes to `consumer`, awaiting it (the consumer's pace is the export's).
    public static func consumer(_ consumer: @escaping @Sendable ([UInt8]) async throws -> Void) -> ByteSink {
        ByteSink(.consumer(consumer))
    }

    private init(_ destination: Destination) {
        self.destination = destination
        buffer.reserveCapacity(Self.block)
    }

    /// Appends bytes; a file gets them in large blocks.
    public func write(_ bytes: some Sequence<UInt8>) throws(ExportError) {
        buffer.append(contentsOf: bytes)
        if case .handle = destination, buffer.count >= Self.block { try flush() }
    }

    /// Appends a string's UTF-8.
    public func write(_ text: String) throws(ExportError) { try write(text.utf8) }

    /// Hands a full block to a consumer (between pages); nothing for a file, which `write` keeps flushed.
    public func settle() async throws(ExportError) {
        guard case .consumer = destination, buffer.count >= Self.block else { return }
        try await drain()
    }

    /// Writes out what is buffered (a file or standard output).
    public func flush() throws(ExportError) {
        guard case .handle(let handle, _) = destination, !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch { throw ExportError("write failed: \(error.localizedDescription)") }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes out everything buffered, wherever it goes.
    public func finish() async throws(ExportError) {
        switch destination {
        case .handle: try flush()
        case .consumer: try await drain()
        }
    }

    /// Flushes and closes (files only).
    public func close() throws(ExportError) {
        try flush()
        if case .handle(let handle, closes: true) = destination { try? handle.close() }
    }

    private func drain() async throws(ExportError) {
        guard case .consumer(let consumer) = destination, !buffer.isEmpty else { return }
        let block = buffer
        buffer.removeAll(keepingCapacity: true)
        do { try await consumer(block) } catch { throw ExportError("the reader went away: \(error)") }
    }
}
