import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `WARCSink` that writes to a file or to standard output.
public struct FileWARCSink: WARCSink, Sendable {
    /// What the sink writes to, for error messages: a path or `<stdout>`.
    public let destination: String
    private let handle: FileHandle
    private let ownsHandle: Bool

    /// Creates the file at `path` and writes to it; fails if it exists unless `overwrite` is true.
    ///
    /// Refusing to overwrite by default protects an earlier crawl's archive from a repeated command.
    public init(path: String, overwrite: Bool = false) throws(WARCError) {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (overwrite ? O_TRUNC : O_EXCL)
        let descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else {
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        self.destination = path
        self.handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        self.ownsHandle = true
    }

    /// Writes to an already open handle, which the caller keeps owning.
    public init(handle: FileHandle, destination: String) {
        self.destination = destination
        self.handle = handle
        self.ownsHandle = false
    }

    /// A sink writing to the process's standard output, for piping an archive into another program.
    public static var standardOutput: FileWARCSink {
        FileWARCSink(handle: .standardOutput, destination: "<stdout>")
    }

    /// Writes all of `bytes`, retrying short and interrupted writes; throws `WARCError.writeFailed`.
    public mutating func write(_ bytes: [UInt8]) throws {
        // Raw write(2) rather than FileHandle.write so the error carries errno's wording
        // ("No space left on device") instead of Foundation's generic paraphrase.
        let descriptor = handle.fileDescriptor
        let failure: Int32? = bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure {
            throw WARCError.writeFailed(destination: destination, reason: String(cString: strerror(failure)))
        }
    }

    /// Flushes to stable storage and closes a file this sink opened; a borrowed handle is left alone.
    ///
    /// Writes are unbuffered, so a borrowed handle such as standard output needs nothing here
    /// (and `fsync` on a pipe would fail).
    public func close() throws(WARCError) {
        guard ownsHandle else { return }
        if fsync(handle.fileDescriptor) != 0 {
            throw .writeFailed(destination: destination, reason: String(cString: strerror(errno)))
        }
        do {
            try handle.close()
        } catch {
            throw .writeFailed(destination: destination, reason: "\(error)")
        }
    }
}

/// write(2) under a name that the sink's own `write(_:)` does not shadow.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}
