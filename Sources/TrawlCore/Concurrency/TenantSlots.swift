import Synchronization

/// Counts, per tenant, what is under way of something each tenant may have only so many of at once (exports),
/// handing out leases that give their slot back when dropped, so no path (a client gone before the body was written,
/// an export that threw) can keep one.
public final class TenantSlots: Sendable {
    /// A slot held; released when the last reference goes.
    public final class Lease: Sendable {
        private let slots: TenantSlots
        private let tenant: String

        fileprivate init(slots: TenantSlots, tenant: String) {
            self.slots = slots
            self.tenant = tenant
        }

        deinit { slots.release(tenant) }
    }

    /// Slots per tenant; nil for no limit.
    public let limit: Int?
    private let held = Mutex<[String: Int]>([:])

    /// Slots for `limit` things per tenant at once.
    public init(limit: Int?) { self.limit = limit }

    /// A lease on one of `tenant`'s slots, or nil when the tenant holds all of them.
    public func take(for tenant: String) -> Lease? {
        let taken = held.withLock { held in
            let count = held[tenant, default: 0]
            if let limit, count >= limit { return false }
            held[tenant] = count + 1
            return true
        }
        return taken ? Lease(slots: self, tenant: tenant) : nil
    }

    /// How many slots `tenant` holds now.
    public func count(for tenant: String) -> Int { held.withLock { $0[tenant, default: 0] } }

    fileprivate func release(_ tenant: String) {
        held.withLock { held in
            let count = held[tenant, default: 1] - 1
            held[tenant] = count > 0 ? count : nil
        }
    }
}
