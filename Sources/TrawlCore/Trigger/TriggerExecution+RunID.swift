import Foundation

extension TriggerExecution {
    /// The ID of the run a trigger starts for the tick `scheduledFor`: the same for the same firing, so a firing
    /// cut short by a crash (its run admitted, its execution not yet recorded) finds that run when it fires again
    /// after the restart instead of starting a second one.
    ///
    /// A UUID version 8 (RFC 9562: the bits are ours to define) from two FNV-1a hashes (different offset bases) of the trigger's UUID and the
    /// tick in milliseconds.
    public static func runID(for trigger: TriggerID, scheduledFor: Date) -> RunID {
        var bytes = withUnsafeBytes(of: trigger.uuid.uuid) { Array($0) }
        let millis = Int64((scheduledFor.timeIntervalSince1970 * 1_000).rounded())
        withUnsafeBytes(of: millis.littleEndian) { bytes.append(contentsOf: $0) }
        var high: UInt64 = 0xcbf2_9ce4_8422_2325
        var low: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in bytes {
            high = (high ^ UInt64(byte)) &* 0x100_0000_01b3
            low = (low ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        var uuid = withUnsafeBytes(of: high.bigEndian) { Array($0) } + withUnsafeBytes(of: low.bigEndian) { Array($0) }
        uuid[6] = (uuid[6] & 0x0F) | 0x80  // version 8
        uuid[8] = (uuid[8] & 0x3F) | 0x80  // RFC 9562 variant
        let raw = (uuid[0], uuid[1], uuid[2], uuid[3], uuid[4], uuid[5], uuid[6], uuid[7],
                   uuid[8], uuid[9], uuid[10], uuid[11], uuid[12], uuid[13], uuid[14], uuid[15])
        return RunID(UUID(uuid: raw))
    }
}
