import Foundation
import TrawlCore

/// Where the all-MiniLM-L6-v2 model folder is: `$TRAWL_MODEL_DIR`, else `models/all-MiniLM-L6-v2` under the
/// current directory, else beside the executable or one of its parent folders (a build folder inside the checkout).
public enum ModelLocation {
    /// The environment variable that names the model folder outright.
    public static let environmentVariable = "TRAWL_MODEL_DIR"
    /// The model folder relative to a checkout (where `scripts/fetch-model` puts it).
    public static let relativePath = "models/all-MiniLM-L6-v2"
    /// The files a model folder must hold.
    public static let requiredFiles = ["model.safetensors", "vocab.txt"]
    /// How many parent folders of the executable's are searched: `.build/<triple>/release/trawl` is three deep.
    static let executableAncestors = 4

    /// The folders searched, in order.
    public static func candidates(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        executablePath: String? = Bundle.main.executablePath
    ) -> [String] {
        if let explicit = environment[environmentVariable], !explicit.isEmpty {
            // An explicit setting is obeyed alone: silently using another copy would hide a typo.
            return [explicit]
        }
        var folders = [(currentDirectory as NSString).appendingPathComponent(relativePath)]
        if let executablePath {
            var folder = ((executablePath as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent
            for _ in 0 ... executableAncestors {
                folders.append((folder as NSString).appendingPathComponent(relativePath))
                let parent = (folder as NSString).deletingLastPathComponent
                if parent == folder { break }
                folder = parent
            }
        }
        var seen: Set<String> = []
        return folders.filter { seen.insert(($0 as NSString).standardizingPath).inserted }
    }

    /// The first candidate folder that holds every required file.
    public static func resolve(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        executablePath: String? = Bundle.main.executablePath
    ) throws(EmbedError) -> String {
        let folders = candidates(environment: environment, currentDirectory: currentDirectory, executablePath: executablePath)
        if let found = folders.first(where: holdsModel) { return found }
        // The folders are this machine's paths: the operator's to read (logs, the CLI), not a tenant's.
        throw EmbedError(
            .model, "the all-MiniLM-L6-v2 model is not installed on this server",
            detail: "looked for \(requiredFiles.joined(separator: " and ")) in \(folders.joined(separator: ", ")); run "
                + "scripts/fetch-model to download it, or set \(environmentVariable) to its folder")
    }

    /// Whether `folder` holds every required file.
    public static func holdsModel(_ folder: String) -> Bool {
        requiredFiles.allSatisfy { FileManager.default.isReadableFile(atPath: (folder as NSString).appendingPathComponent($0)) }
    }
}
