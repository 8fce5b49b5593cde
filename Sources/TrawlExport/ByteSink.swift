import Foundation

/// Where exported bytes go: a file, or standard output.
public final class ByteSink {
    private let handle: FileHandle
    private let closesHandle: Bool
    private var buffer: [UInt8] = []

    /// Writes to standard output.
    public static func standardOutput() -> ByteSink { ByteSink(handle: .standardOutput, closesHandle: false) }

    /// Creates (or truncates) the file at `path`.
    public static func file(_ path: String) throws(ExportError) -> ByteSink {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw ExportError("cannot write to \(path)")
        }
        return ByteSink(handle: handle, closesHandle: true)
    }

    private init(handle: FileHandle, closesHandle: Bool) {
        self.handle = handle
        self.closesHandle = closesHandle
        buffer.reserveCapacity(1 << 20)
    }

    /// Appends bytes; written out in large blocks.
    public func write(_ bytes: some Sequence<UInt8>) throws(ExportError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Appends a string's UTF-8.
    public func write(_ text: String) throws(ExportError) { try write(text.utf8) }

    /// Writes out what is buffered.
    public func flush() throws(ExportError) {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch { throw ExportError("write failed: \(error.localizedDescription)") }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes (files only).
    public func close() throws(ExportError) {
        try flush()
        if closesHandle { try? handle.close() }
    }
}
