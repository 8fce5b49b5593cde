/// Why a cron expression could not be parsed; `message` is fit to show the person who wrote it.
public struct CronError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the field by position and name when one is at fault.
    public var message: String

    /// Creates an error with a user-facing message.
    public init(message: String) {
        self.message = message
    }

    /// The message, so the error reads well in logs and API responses.
    public var description: String { message }

    /// An error located in one field, e.g. "field 2 (hour): 24 is out of range 0-23".
    static func field(_ position: Int, _ field: CronField, _ problem: String) -> CronError {
        CronError(message: "field \(position) (\(field.name)): \(problem)")
    }
}
