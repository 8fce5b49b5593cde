import Foundation

/// Uniquely named files and folders in the temporary directory.
enum ManifestTemporaryFile {
    static func write(_ text: String, extension pathExtension: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-manifest-\(UUID().uuidString).\(pathExtension)")
        try Data(text.utf8).write(to: url)
        return url
    }

    static func directory(named name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-\(UUID().uuidString)-\(name)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
