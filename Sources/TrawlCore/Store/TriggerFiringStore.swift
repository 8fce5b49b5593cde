import Foundation

/// What the trigger scheduler reads and writes: due times, arming and the record of each firing.
public protocol TriggerFiringStore: Sendable {
    func triggers(matching query: TriggerQuery) async throws(StoreError) -> [Trigger]
    /// Enabled triggers due at or before `date`, across tenants, earliest first.
    func dueTriggers(at date: Date) async throws(StoreError) -> [Trigger]
    /// The earliest due time of any enabled trigger, across tenants.
    func nextDueTime() async throws(StoreError) -> Date?
    /// Makes an enabled `on_finish` trigger due at `date` unless it is due earlier already; touches nothing else of
    /// the row, so an edit made meanwhile (disabling it, say) stands.
    func arm(_ id: TriggerID, dueAt date: Date) async throws(StoreError)
    /// Records `execution` and moves the trigger's last and next fire times on, in one transaction, so a crash can
    /// neither fire a tick twice nor lose the record of one that fired. Only those two fields change, and only
    /// while the trigger is enabled: a user's edit made during the firing stands.
    ///
    /// A tick (the trigger and `scheduledFor`) is recorded once. When several processes fire the same tick, the later
    /// records change no times and add no row; a `started` one replaces a stored `failed` or `skipped` outcome (the
    /// process whose run insert lost the race records one of those, maybe first), so the tick shows its run.
    func record(_ execution: TriggerExecution, firing trigger: Trigger) async throws(StoreError)
}
