import Foundation
import Testing
@testable import Pool

/// The local search over a master MIP's plan: moves priced by its own bookkeeping, checked here
/// against an independent evaluation of the master (`LinearModel.violations`, `objectiveValue`)
/// and, on small random masters, against every single move.
@Suite struct MasterLocalSearchTests {
    /// A master shaped like price-and-branch's: per row r an uncovered count u_r (price per place),
    /// an equity share `worst ≥ u_r / count_r` (cost `equity`), then each block's weeks (binary,
    /// with their cost and the rows they cover) and one "one column" row per block, last.
    struct Master {
        let model: LinearModel
        let rows: Int
        let weeks: [(block: Int, cost: Double, covers: [Int])]
        let counts: [Double]
        let prices: [Double]
        let equity: Double

        init(counts: [Double], prices: [Double], equity: Double, weeks: [(block: Int, cost: Double, covers: [Int])]) {
            let m = LinearModel(name: "master")
            let u = counts.indices.map { m.addVariable("u\($0)", .continuous, lower: 0, upper: counts[$0], objective: prices[$0]) }
            let worst = m.addVariable("worst", .continuous, lower: 0, upper: 1, objective: equity)
            let x = weeks.indices.map { m.binary("w\($0)", objective: weeks[$0].cost) }
            for r in counts.indices {
                var e = LinearExpression(u[r])
                for (k, week) in weeks.enumerated() where week.covers.contains(r) { e.add(1, x[k]) }
                m.add("cover\(r)", LinearConstraint(e, .equal, counts[r]))
            }
            for r in counts.indices {
                var e = LinearExpression(worst)
                e.add(-1 / counts[r], u[r])
                m.add("equity\(r)", LinearConstraint(e, .greaterOrEqual, 0))
            }
            let blocks = (weeks.map(\.block).max() ?? -1) + 1
            for b in 0..<blocks {
                m.add("one\(b)", sum(weeks.indices.filter { weeks[$0].block == b }.map { x[$0] }) == 1)
            }
            m.direction = .minimize
            model = m; rows = counts.count; self.weeks = weeks; self.counts = counts; self.prices = prices; self.equity = equity
        }

        var firstWeek: Int { rows + 1 }
        var blocks: Int { (weeks.map(\.block).max() ?? -1) + 1 }

        /// The master's point for one week per block, its continuous columns at their best
        /// (independently of the search); nil when a row would be over-covered.
        func point(_ choice: [Int]) -> [Double]? {
            var covered = Array(repeating: 0.0, count: rows)
            for k in choice { for r in weeks[k].covers { covered[r] += 1 } }
            guard zip(covered, counts).allSatisfy({ $0 <= $1 }) else { return nil }
            let u = zip(counts, covered).map { $0 - $1 }
            let worst = zip(u, counts).map { $0 / $1 }.max() ?? 0
            var p = u + [worst] + Array(repeating: 0.0, count: weeks.count)
            for k in choice { p[firstWeek + k] = 1 }
            return p
        }

        func search(from choice: [Int]) throws -> MasterLocalSearch {
            let start = try #require(point(choice))
            return try #require(MasterLocalSearch(model, values: start, firstWeek: firstWeek, blockOf: weeks.map(\.block), blocks: blocks))
        }
    }

    /// Two workers and two rows of one place each (100 € uncovered): worker 0 covers row 0 for
    /// 10 € or row 1 for 1 €, worker 1 row 0 for 1 € or row 1 for 10 €.
    static var crossedWorkers: Master {
        Master(counts: [1, 1], prices: [100, 100], equity: 0, weeks: [
            (0, 0, []), (0, 10, [0]), (0, 1, [1]),
            (1, 0, []), (1, 1, [0]), (1, 10, [1]),
        ])
    }

    /// Worker 0 holds row 0 and worker 1 row 1, each at the dearer price: only the two moving together (a swap)
    /// lowers the cost, since either alone over-covers the other's row or leaves its own uncovered.
    @Test func aSwapThatNoSingleMoveCanMakeIsFound() throws {
        let master = Self.crossedWorkers
        var search = try master.search(from: [1, 5])
        #expect(search.objective == 20)
        let summary = search.improve(seconds: 10)
        #expect(summary.finished && summary.pairs == 1 && summary.single == 0)
        #expect(search.objective == 2)
        #expect(master.model.violations(search.point).isEmpty)
        #expect(search.point == master.point([2, 4]))
    }

    /// From nobody working, single moves cover both rows at the cheapest weeks.
    @Test func singleMovesCoverTheRowsCheapest() throws {
        let master = Self.crossedWorkers
        var search = try master.search(from: [0, 3])
        #expect(search.objective == 200)
        let summary = search.improve(seconds: 10)
        #expect(summary.finished && summary.single >= 2)
        #expect(search.objective == 2)
        #expect(search.point == master.point([2, 4]))
    }

    /// The equity share is the largest uncovered share: when the row that set it is covered, the
    /// share falls to the next row's (here to zero), and the move is priced with that fall.
    @Test func theEquityShareFallsWhenItsRowIsCovered() throws {
        let master = Master(counts: [1, 1], prices: [10, 10], equity: 1000, weeks: [(0, 0, []), (0, 1, [0]), (1, 0, []), (1, 1, [1])])
        var search = try master.search(from: [0, 3])  // u = (1, 0): worst 1, cost 10 + 1 000 + 1
        #expect(search.objective == 1011)
        _ = search.improve(seconds: 10)
        #expect(search.objective == 2)
        #expect(search.point == master.point([1, 3]))
        #expect(abs(master.model.objectiveValue(search.point) - search.objective) < 1e-9)
    }

    /// A master whose continuous columns do not follow from the weeks gets no local search.
    @Test func anUnsupportedMasterIsDeclined() throws {
        let m = LinearModel(name: "two rows define one column")
        let u = m.addVariable("u", .continuous, lower: 0, upper: 2, objective: 1)
        let w = m.binary("w", objective: 1)
        m.add("a", LinearExpression(u) + w == 1)
        m.add("b", LinearExpression(u) == 1)
        m.add("one", sum([w]) == 1)
        m.direction = .minimize
        #expect(MasterLocalSearch(m, values: [0, 1], firstWeek: 1, blockOf: [0], blocks: 1) == nil)
    }

    /// Random small masters: the search's plan is feasible, its cost is the master's own, it is no
    /// dearer than the start, and when it finishes no single move improves it.
    @Test func randomMastersEndFeasibleAndWithoutAnImprovingSingleMove() throws {
        var generator = SplitMix64(seed: 42)
        func uniform(_ n: Int) -> Int { Int(generator.next() % UInt64(n)) }
        for _ in 0..<200 {
            let rows = 2 + uniform(4), blocks = 2 + uniform(3)
            let counts = (0..<rows).map { _ in Double(1 + uniform(2)) }
            let prices = (0..<rows).map { _ in Double(5 + uniform(40)) }
            var weeks: [(block: Int, cost: Double, covers: [Int])] = []
            for b in 0..<blocks {
                weeks.append((b, 0, []))  // off all week: every start can be feasible
                for _ in 0..<(1 + uniform(4)) {
                    let covers = (0..<rows).filter { _ in uniform(3) == 0 }
                    weeks.append((b, Double(uniform(30)), covers))
                }
            }
            let master = Master(counts: counts, prices: prices, equity: Double(uniform(2) * 50), weeks: weeks)
            let perBlock = (0..<blocks).map { b in weeks.indices.filter { weeks[$0].block == b } }
            let start = perBlock.map { $0[0] }
            var search = try master.search(from: start)
            let before = search.objective
            let summary = search.improve(seconds: 10)
            let point = search.point
            #expect(master.model.violations(point).isEmpty)
            #expect(abs(master.model.objectiveValue(point) - search.objective) < 1e-7)
            #expect(search.objective <= before + 1e-9)
            #expect(summary.finished)
            let choice = perBlock.map { ks in ks.first { point[master.firstWeek + $0] > 0.5 } ?? -1 }
            for b in 0..<blocks {
                for k in perBlock[b] where k != choice[b] {
                    var other = choice
                    other[b] = k
                    if let p = master.point(other) { #expect(master.model.objectiveValue(p) >= search.objective - 1e-7) }
                }
            }
        }
    }
}
