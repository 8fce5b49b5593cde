import Foundation

/// When a schedule trigger should fire, given when it last fired.
///
/// A server that was down misses ticks; on start-up it fires once for all of them, at the latest missed tick,
/// rather than replaying every one.
public enum ScheduleEvaluation {
    /// The fire time due at `now`, if any: the latest scheduled time in (lastFired, now]. Several missed ticks
    /// collapse into one (the latest). nil when no tick fell in the interval.
    public static func due(_ cron: CronExpression, lastFired: Date, now: Date) -> Date? {
        guard lastFired < now else { return nil }
        // Search backwards from `now`, bounded by `lastFired` rather than a fixed horizon, so however long the
        // server was down the answer costs at most a scan of the days between, never one step per tick.
        return cron.previous(atOrBefore: now, after: lastFired)
    }

    /// When to wake up next to fire on time.
    public static func nextWake(_ cron: CronExpression, after now: Date) -> Date? {
        cron.next(after: now)
    }
}
