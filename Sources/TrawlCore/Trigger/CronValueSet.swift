/// A set of small non-negative integers (a cron field's allowed values) stored as a bitmap indexed by value.
struct CronValueSet: Sendable, Equatable {
    private var words: [UInt64]

    /// An empty set able to hold values up to `maximum`.
    init(maximum: Int) {
        words = Array(repeating: 0, count: maximum / 64 + 1)
    }

    /// A set holding every value of `range`.
    init(_ range: ClosedRange<Int>) {
        self.init(maximum: range.upperBound)
        for value in range { insert(value) }
    }

    /// Whether no value is allowed.
    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// The values in ascending order.
    var values: [Int] {
        (0..<words.count * 64).filter(contains)
    }

    /// Sets are equal when they hold the same values, whatever their capacity.
    static func == (lhs: CronValueSet, rhs: CronValueSet) -> Bool {
        let count = max(lhs.words.count, rhs.words.count)
        return (0..<count).allSatisfy { index in
            (index < lhs.words.count ? lhs.words[index] : 0) == (index < rhs.words.count ? rhs.words[index] : 0)
        }
    }

    /// Whether `value` is in the set; values beyond the capacity never are.
    func contains(_ value: Int) -> Bool {
        guard value >= 0, value / 64 < words.count else { return false }
        return words[value / 64] & (1 << UInt64(value % 64)) != 0
    }

    /// Adds `value`, which must be within the capacity.
    mutating func insert(_ value: Int) {
        words[value / 64] |= 1 << UInt64(value % 64)
    }

    /// The smallest value ≥ `value`, or nil when there is none.
    func next(atOrAfter value: Int) -> Int? {
        var index = max(value, 0) / 64
        guard index < words.count else { return nil }
        // Clear the bits below `value` in its own word, then scan whole words.
        var word = words[index] & (~0 << UInt64(max(value, 0) % 64))
        while true {
            if word != 0 { return index * 64 + word.trailingZeroBitCount }
            index += 1
            guard index < words.count else { return nil }
            word = words[index]
        }
    }

    /// The largest value ≤ `value`, or nil when there is none.
    func previous(atOrBefore value: Int) -> Int? {
        guard value >= 0 else { return nil }
        var index = min(value / 64, words.count - 1)
        var word = words[index]
        if index == value / 64 {
            let keep = value % 64
            word &= keep == 63 ? ~0 : (1 << UInt64(keep + 1)) - 1
        }
        while true {
            if word != 0 { return index * 64 + 63 - word.leadingZeroBitCount }
            index -= 1
            guard index >= 0 else { return nil }
            word = words[index]
        }
    }
}
