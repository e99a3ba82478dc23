import CGLPK
import Foundation

/// The benchmark behind `poolctl bench-build`: builds a random sparse model through the public
/// `LinearModel` API (names included), validates it and loads it into GLPK, timing each step.
/// Issue 2 asks for a model with a million nonzeros to build in about a second in a release build.
public enum ModelBuildBenchmark {
    public struct Report: Sendable {
        public var variables: Int
        public var constraints: Int
        public var nonzeros: Int
        public var buildSeconds: Double
        /// The same rows written term by term with operators (`e += c * x[j]`).
        public var buildWithOperatorsSeconds: Double
        public var validateSeconds: Double
        public var glpkLoadSeconds: Double
        /// Encoding the names for LP/MPS and loading with them.
        public var glpkLoadWithNamesSeconds: Double
        public var writeLPSeconds: Double
        public var lpFileBytes: Int
        public var readLPSeconds: Double
    }

    /// `nonzeros` split as rows of 20 distinct columns over nonzeros/10 columns.
    public static func run(nonzeros: Int, seed: UInt64 = 1) throws -> Report {
        let t0 = pool_glp_now()
        let model = build(nonzeros: nonzeros, seed: seed, operators: false)
        let t1 = pool_glp_now()
        _ = build(nonzeros: nonzeros, seed: seed, operators: true)
        let t1b = pool_glp_now()
        try model.validate()
        let t2 = pool_glp_now()
        try GLPKProblem.withSession { try $0.load(model, ignoreIntegrality: false) }
        let t3 = pool_glp_now()
        let names = GLPKNames.encoded(for: model)
        try GLPKProblem.withSession { try $0.load(model, names: names, ignoreIntegrality: false) }
        let t4 = pool_glp_now()
        let path = NSTemporaryDirectory() + "/pool-bench-\(getpid()).lp"
        defer { if getenv("POOL_BENCH_KEEP") == nil { unlink(path) } }
        try ModelFiles.write(model, to: path)
        let t5 = pool_glp_now()
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let back = try ModelFiles.read(path)
        let t6 = pool_glp_now()
        guard back.nonzeroCount == model.nonzeroCount else {
            throw SolverError("benchmark: the LP file read back has \(back.nonzeroCount) nonzeros, not \(model.nonzeroCount)")
        }
        return Report(variables: model.variableCount, constraints: model.constraintCount, nonzeros: model.nonzeroCount,
                      buildSeconds: t1 - t0, buildWithOperatorsSeconds: t1b - t1, validateSeconds: t2 - t1b,
                      glpkLoadSeconds: t3 - t2, glpkLoadWithNamesSeconds: t4 - t3,
                      writeLPSeconds: t5 - t4, lpFileBytes: bytes, readLPSeconds: t6 - t5)
    }

    private static func build(nonzeros: Int, seed: UInt64, operators: Bool) -> LinearModel {
        let perRow = 20
        let rowCount = max(1, nonzeros / perRow)
        let columnCount = max(perRow, nonzeros / 10)
        var rng = SplitMix64(seed: seed)
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
            let rhs = Double(Int.random(in: 10...100, using: &rng))
            if operators {
                var row = LinearExpression()
                for (c, v) in terms { row += c * v }
                model.add("row[\(i)]", row <= rhs)
            } else {
                model.add("row[\(i)]", sum(terms) <= rhs)
            }
        }
        return model
    }
}
