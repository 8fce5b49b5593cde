/// Why the store did not admit a run: a starting rule's group is full, or the job created with it would take its
/// tenant past the number of jobs it may hold.
public enum AdmissionRefusal: Sendable, Equatable {
    case exclusive(ExclusiveRefusal)
    /// The tenant holds `limit` jobs already; neither the job nor its run was stored.
    case jobLimit(Int)
}
