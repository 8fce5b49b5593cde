import Testing
@testable import TrawlCore

@Suite struct CronValueSetTests {
    @Test func findsNeighboursAcrossWordBoundaries() {
        var years = CronValueSet(maximum: 2099)
        for year in [1970, 2030, 2099] { years.insert(year) }
        #expect(years.next(atOrAfter: 0) == 1970)
        #expect(years.next(atOrAfter: 1971) == 2030)
        #expect(years.next(atOrAfter: 2030) == 2030)
        #expect(years.next(atOrAfter: 2031) == 2099)
        #expect(years.next(atOrAfter: 2100) == nil)
        #expect(years.previous(atOrBefore: 5_000) == 2099)
        #expect(years.previous(atOrBefore: 2098) == 2030)
        #expect(years.previous(atOrBefore: 1970) == 1970)
        #expect(years.previous(atOrBefore: 1969) == nil)
        #expect(years.values == [1970, 2030, 2099])
    }

    @Test func handlesTheEdgesOfAWord() {
        let set = CronValueSet(0...63)
        #expect(set.next(atOrAfter: 63) == 63)
        #expect(set.previous(atOrBefore: 63) == 63)
        #expect(set.next(atOrAfter: 64) == nil)
        #expect(set.previous(atOrBefore: -1) == nil)
        #expect(!set.contains(64) && !set.contains(-1))
    }

    @Test func equalityIgnoresCapacity() {
        var small = CronValueSet(maximum: 7)
        var large = CronValueSet(maximum: 200)
        small.insert(3)
        large.insert(3)
        #expect(small == large)
        large.insert(150)
        #expect(small != large)
        #expect(CronValueSet(maximum: 10).isEmpty && !small.isEmpty)
    }
}
