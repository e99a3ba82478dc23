@testable import Pool

/// Small models with optima checked by hand, and one hard MIP, shared by the GLPK tests.
enum GLPKTestModels {
    /// Dakota furniture (Winston, Operations Research, §6.3): desks, tables, chairs.
    /// max 60d + 30t + 20c s.t. lumber 8d+6t+c ≤ 48, finishing 4d+2t+1.5c ≤ 20,
    /// carpentry 2d+1.5t+0.5c ≤ 8, tables t ≤ 5.
    /// Optimum d = 2, t = 0, c = 8, z = 280. Duals: lumber 0, finishing 10, carpentry 10,
    /// table demand 0 (check: 10·20 + 10·8 = 280). Reduced costs: desks 0, chairs 0,
    /// tables 30 − (2·10 + 1.5·10) = −5.
    static func production() -> (model: LinearModel, desks: Variable, tables: Variable, chairs: Variable) {
        let m = LinearModel(name: "dakota")
        let d = m.addVariable("desks"), t = m.addVariable("tables"), c = m.addVariable("chairs")
        m.setObjective(.maximize, 60 * d + 30 * t + 20 * c)
        m.add("lumber", 8 * d + 6 * t + 1 * c <= 48)
        m.add("finishing", 4 * d + 2 * t + 1.5 * c <= 20)
        m.add("carpentry", 2 * d + 1.5 * t + 0.5 * c <= 8)
        m.add("table_demand", LinearExpression(t) <= 5)
        return (m, d, t, c)
    }

    /// 0/1 knapsack, capacity 15: items (weight, value) (12,4) (2,2) (1,1) (1,2) (4,10).
    /// Best: all but the first, weight 8, value 15 (adding the first exceeds 15).
    static func knapsack() -> (model: LinearModel, items: [Variable]) {
        let m = LinearModel(name: "knapsack")
        let weights: [Double] = [12, 2, 1, 1, 4], values: [Double] = [4, 2, 1, 2, 10]
        let x = (0..<5).map { m.binary("take[\($0)]") }
        m.setObjective(.maximize, sum(zip(values, x).map { ($0, $1) }))
        m.add("capacity", sum(zip(weights, x).map { ($0, $1) }) <= 15)
        return (m, x)
    }

    /// Assignment of 4 workers to 4 jobs, cost matrix below. Optimum 13:
    /// w0→j1 (2), w1→j0 (6), w2→j2 (1), w3→j3 (4). (Every other permutation costs more; e.g. the
    /// greedy w2→j2, w0→j1, w3→j3, w1→j0 is this one, and the row minima 2+3+1+4 = 10 are infeasible
    /// together since w1's and w2's minima are both job 2.)
    static let assignmentCosts: [[Double]] = [[9, 2, 7, 8], [6, 4, 3, 7], [5, 8, 1, 8], [7, 6, 9, 4]]
    static func assignment() -> (model: LinearModel, x: [[Variable]]) {
        let m = LinearModel(name: "assignment")
        let n = assignmentCosts.count
        let x = (0..<n).map { i in (0..<n).map { j in m.binary("assign[w\(i),j\(j)]", objective: assignmentCosts[i][j]) } }
        m.direction = .minimize
        for i in 0..<n { m.add("worker[\(i)]", sum(x[i]) == 1) }
        for j in 0..<n { m.add("job[\(j)]", sum((0..<n).map { x[$0][j] }) == 1) }
        return (m, x)
    }

    /// Market split (Cornuéjols & Dawande 1998) as an optimisation problem: m rows
    /// Σⱼ aᵢⱼxⱼ + sᵢ⁺ − sᵢ⁻ = dᵢ with aᵢⱼ ∈ [0, 99], dᵢ = ⌊Σⱼ aᵢⱼ / 2⌋, x binary, minimise Σ(s⁺ + s⁻).
    /// Every x is feasible (the slacks absorb it), but LP bounds are useless, so branch-and-bound
    /// cannot prove optimality for m = 6, n = 50 in any reasonable time.
    /// The warm start x = 0 has objective Σ dᵢ.
    static func marketSplit(rows: Int = 6, columns: Int = 50, seed: UInt64 = 2024)
        -> (model: LinearModel, warmStart: [Double], warmObjective: Double) {
        var rng = SplitMix64(seed: seed)
        let m = LinearModel(name: "market_split")
        let x = (0..<columns).map { m.binary("x[\($0)]") }
        var warm = [Double](repeating: 0, count: columns)
        var warmObjective = 0.0
        for i in 0..<rows {
            let a = (0..<columns).map { _ in Double(Int.random(in: 0...99, using: &rng)) }
            let d = (a.reduce(0, +) / 2).rounded(.down)
            let plus = m.addVariable("s+[\(i)]", objective: 1), minus = m.addVariable("s-[\(i)]", objective: 1)
            m.add("split[\(i)]", sum(zip(a, x).map { ($0, $1) }) + plus - minus == d)
            warm += [d, 0]   // x = 0 ⇒ s⁺ = d, s⁻ = 0
            warmObjective += d
        }
        // variables were added as x…, then (s+, s-) per row: the warm start follows that order
        return (m, warm, warmObjective)
    }
}
