import Foundation
import Testing
import TrawlCore
@testable import TrawlRuntime

/// Reciprocal rank fusion of the text and semantic lists, page-aware.
@Suite struct SearchFusionTests {
    let run = RunID()
    let job = JobID()

    func hit(_ id: Int64, page: String) -> SearchHit {
        SearchHit(chunkID: id, runID: run, jobID: job, url: "https://example.com/\(page)", title: page, headingPath: [],
                  text: "chunk \(id)", snippet: "", score: 1)
    }

    @Test func aPageBothListsRankFirstWinsEvenWhenTheyPickDifferentPassages() {
        // Text ranks zipfile's chunk 1 first, the model zipfile's chunk 2; shutil's chunk 3 is second in both.
        let lexical = [hit(1, page: "zipfile"), hit(3, page: "shutil"), hit(4, page: "tarfile")]
        let dense = [(hit(2, page: "zipfile"), 0.9), (hit(3, page: "shutil"), 0.8), (hit(5, page: "gzip"), 0.7)]
        let fused = SearchService.fuse(lexical, dense, limit: 10)
        #expect(fused.prefix(2).map(\.hit.chunkID).sorted() == [1, 2], "\(fused.map(\.hit.chunkID))")
        #expect(fused[2].hit.chunkID == 3)
        // Each chunk keeps its own ranks; the page's rank only lends it a score.
        let first = fused.first { $0.hit.chunkID == 1 }
        #expect(first?.textRank == 1 && first?.semanticRank == nil)
        #expect(abs((first?.score ?? 0) - (1.0 / 61 + 1.0 / 61)) < 1e-12)
        let shutil = fused.first { $0.hit.chunkID == 3 }
        #expect(shutil?.textRank == 2 && shutil?.semanticRank == 2)
        // A page found by one list alone gets that list's share only.
        let gzip = fused.first { $0.hit.chunkID == 5 }
        #expect(abs((gzip?.score ?? 0) - 1.0 / 63) < 1e-12)
        #expect(fused.map(\.score) == fused.map(\.score).sorted(by: >))
        #expect(SearchService.fuse(lexical, dense, limit: 2).count == 2)
    }

    @Test func groupingByPageKeepsEachPageOnceWithItsBestPassages() {
        let ranked = [1, 2, 3, 4, 5, 6, 7].map { id in
            SearchResult(hit: hit(Int64(id), page: id <= 5 ? "zipfile" : "page\(id)"), score: 1 / Double(id))
        }
        let pages = SearchService.groupByPage(ranked, limit: 2)
        #expect(pages.map(\.hit.url) == ["https://example.com/zipfile", "https://example.com/page6"])
        #expect(pages[0].hit.chunkID == 1 && pages[0].score == 1)
        #expect(pages[0].passages.map(\.hit.chunkID) == [1, 2, 3])  // at most three, best first
        #expect(pages[1].passages.map(\.hit.chunkID) == [6])
        #expect(SearchService.groupByPage(ranked, limit: 10).count == 3)
    }

    @Test func theSamePathInAnotherRunIsAnotherPage() {
        let other = SearchHit(chunkID: 9, runID: RunID(), jobID: job, url: "https://example.com/zipfile", title: nil,
                              headingPath: [], text: "", snippet: "", score: 1)
        let fused = SearchService.fuse([hit(1, page: "zipfile")], [(other, 0.9)], limit: 10)
        #expect(fused.allSatisfy { abs($0.score - 1.0 / 61) < 1e-12 })
    }
}
