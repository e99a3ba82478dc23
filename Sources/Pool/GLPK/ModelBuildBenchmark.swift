import CGLPK

/// The benchmark behind `poolctl bench-build`: builds a random sparse model through the public
/// `LinearModel` API (names included), validates it and loads it into GLPK, timing each step.
/// Issue 2 asks for a model with a million nonzeros to build in about a second in a release build.
public enum ModelBuildBenchmark {
    public struct Report: Sendable {
        public var variables: Int
        public var constraints: Int
        public var nonzeros: Int
        public var buildSeconds: Double
        public var validateSeconds: Double
        public var glpkLoadSeconds: Double
        public var glpkLoadWithNamesSeconds: Double
    }

    /// `nonzeros` split as rows of 20 distinct columns over nonzeros/10 columns.
    public static func run(nonzeros: Int, seed: UInt64 = 1) throws -> Report {
        let perRow = 20
        let rowCount = max(1, nonzeros / perRow)
        let columnCount = max(perRow, nonzeros / 10)
        var rng = SplitMix64(seed: seed)

        let t0 = pool_glp_now()
        let model = LinearModel(name: "bench")
        let x = (0..<columnCount).map { j in
            model.addVariable("x[\(j)]", lower: 0, upper: Double(1 + Int.random(in: 0..<10, using: &rng)),
                              objective: Double(Int.random(in: -5...5, using: &rng)))
        }
        var picked: [Int] = []
        for i in 0..<rowCount {
            picked.removeAll(keepingCapacity: true)
            while picked.count < perRow {
                let j = Int.random(in: 0..<columnCount, using: &rng)
                if !picked.contains(j) { picked.append(j) }
            }
            let terms = picked.map { (Double(Int.random(in: 1...9, using: &rng)), x[$0]) }
            model.add("row[\(i)]", sum(terms) <= Double(Int.random(in: 10...100, using: &rng)))
        }
        let t1 = pool_glp_now()
        try model.validate()
        let t2 = pool_glp_now()
        try GLPKProblem.withSession { try $0.load(model, ignoreIntegrality: false) }
        let t3 = pool_glp_now()
        let names = GLPKNames(problem: model.name, objective: ModelFileNames.objectiveName,
                              columns: ModelFileNames.encodeAll(model.variableNames, emptyPrefix: "x"),
                              rows: ModelFileNames.encodeAll(model.constraintNames, reserved: ModelFileNames.reservedRowNames,
                                                             emptyPrefix: "r"))
        try GLPKProblem.withSession { try $0.load(model, names: names, ignoreIntegrality: false) }
        let t4 = pool_glp_now()
        return Report(variables: model.variableCount, constraints: model.constraintCount, nonzeros: model.nonzeroCount,
                      buildSeconds: t1 - t0, validateSeconds: t2 - t1, glpkLoadSeconds: t3 - t2,
                      glpkLoadWithNamesSeconds: t4 - t3)
    }
}

/// A small, fast, seedable generator (SplitMix64), so generated instances are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
