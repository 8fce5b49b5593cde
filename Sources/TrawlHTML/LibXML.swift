import CLibXML2

/// Process-wide libxml2 set-up, done once before the first parse on any thread.
enum LibXML {
    // A static let is initialised exactly once, thread-safely, on first access.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Initialises libxml2's global tables; cheap after the first call.
    static func initialize() {
        _ = initialized
    }
}
